// The lessons of the main window's switcher, in order (ui/lesson.h).

#include "ui/jobrunner.h"
#include "ui/lesson.h"
#include "ui/lessons/lessontrain.h"
#include "ui/lessons/mixture1d/lesson1d.h"
#include "ui/lessons/mixture2d/lesson2d.h"

namespace ds::ui {

namespace {

// Transitional (issue 8): a lesson that still takes a JobRunner gets one of its own, so that no
// lesson's job supersedes another's. Created before the lesson, so it is destroyed (cancel + join)
// before it. A lesson moved to JobTracker is constructed with the ComputeContext instead.
JobRunner* ownRunner(QWidget* parent, const char* name) {
  auto* runner = new JobRunner(parent);
  runner->setObjectName(QLatin1String(name));
  return runner;
}

}  // namespace

std::vector<Lesson*> createLessons(ComputeContext* context, QWidget* parent) {
  Q_UNUSED(context);  // transitional: every lesson still takes a JobRunner
  // Each lesson owns its jobs: recomputing one lesson never supersedes another's job, so a training
  // run goes on while the student compares it in the 1-D/2-D lessons.
  return {new Lesson1D(ownRunner(parent, "runner-1d"), parent), new Lesson2D(ownRunner(parent, "runner-2d"), parent),
          new LessonTrain(ownRunner(parent, "runner-train"), parent, ownRunner(parent, "training-runner"))};
}

}  // namespace ds::ui
