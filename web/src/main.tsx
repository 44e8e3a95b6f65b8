import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { initI18n } from "./shared/i18n";

const root = document.getElementById("root");
if (root) {
  // Render once the remembered language's texts are in, so nothing flashes in the other one.
  void initI18n().then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
