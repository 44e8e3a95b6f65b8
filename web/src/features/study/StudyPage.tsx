import { Route, Routes } from "react-router";
import { ExamView } from "./attempts/ExamView";
import { TasksView } from "./campaigns/TasksView";
import { PracticeView } from "./practice/PracticeView";

/** The member's side of study, under /study. */
export function StudyPage() {
  return (
    <Routes>
      <Route index element={<TasksView />} />
      <Route path="tasks/:id" element={<TasksView />} />
      <Route path="attempts/:id" element={<ExamView />} />
      <Route path="practice" element={<PracticeView />} />
    </Routes>
  );
}
