/** The one axios instance the service uses for outbound calls. */
import axios, { type AxiosRequestConfig } from "axios";

const OUTBOUND_TIMEOUT_MS = 25_000;

const outboundConfig: AxiosRequestConfig = {
  timeout: OUTBOUND_TIMEOUT_MS,
  maxContentLength: 8 * 1024 * 1024,
  headers: { Accept: "application/json" },
};

const outbound = axios.create(outboundConfig);

export default outbound;
