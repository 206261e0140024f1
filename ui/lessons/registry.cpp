// The lessons of the main window's switcher, in order (ui/lesson.h).

#include "ui/lesson.h"
#include "ui/jobrunner.h"
#include "ui/lessons/lesson1d.h"
#include "ui/lessons/lesson2d.h"
#include "ui/lessons/lessontrain.h"

namespace ds::ui {

std::vector<Lesson*> createLessons(JobRunner* runner, QWidget* parent) {
  // Training gets a worker thread of its own (a second JobRunner, same facade): the shared runner
  // supersedes a running job with each new request, and a student who trains a model and then
  // switches to the 1-D/2-D lesson to compare it must not stop the training by doing so. Created
  // before the lessons, so it is destroyed (cancel + join) before them.
  auto* training = new JobRunner(parent);
  training->setObjectName(QStringLiteral("training-runner"));
  return {new Lesson1D(runner, parent), new Lesson2D(runner, parent), new LessonTrain(runner, parent, training)};
}

}  // namespace ds::ui
