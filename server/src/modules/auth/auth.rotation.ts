import { reencryptColumns } from "../../platform/key-rotation.ts";

/** Administrators' TOTP secrets, pending or enrolled. */
export const authRotation = [
  reencryptColumns({ table: "users", id: "id", columns: ["totp_secret_enc"] }),
];
