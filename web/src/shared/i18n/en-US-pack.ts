import antdEnUS from "antd/locale/en_US";
import { enUS } from "./en-US";

/** Everything English in one lazily loaded chunk: the app's strings and antd's own. */
export const dictionary = enUS;
export const antd = antdEnUS;
