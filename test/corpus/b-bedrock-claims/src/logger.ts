// JSON logs for CloudWatch Logs Insights.
export const logger = {
  info: (msg: string, data: Record<string, unknown> = {}) => console.log(JSON.stringify({ level: "info", msg, ...data })),
  warn: (msg: string, data: Record<string, unknown> = {}) => console.warn(JSON.stringify({ level: "warn", msg, ...data })),
};
