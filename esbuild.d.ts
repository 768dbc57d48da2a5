/** Types of the virtual modules esbuild.mjs provides at build time. */
declare module "rules:all" {
  /** Every file under rules/, keyed by its path relative to rules/ (with `/`), as text. */
  const files: Record<string, string>;
  export default files;
}
