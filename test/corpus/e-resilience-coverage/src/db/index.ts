export * from "./notes";
