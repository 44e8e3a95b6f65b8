import { reencryptColumns } from "../../platform/key-rotation.ts";

/** ID numbers and phones move to the next key with the ID number's lookup digest. */
export const membersRotation = [
  reencryptColumns({
    table: "members",
    id: "id",
    columns: ["id_number_enc", "phone_enc"],
    derive: ([idNumber], cipher) => ({ id_number_digest: cipher.digest(idNumber ?? "") }),
  }),
];
