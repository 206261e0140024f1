// The lessons of the main window's switcher, in order (ui/lesson.h).

#include "ui/lesson.h"
#include "ui/lessons/lesson1d.h"
#include "ui/lessons/lesson2d.h"
#include "ui/lessons/lessontrain.h"

namespace ds::ui {

std::vector<Lesson*> createLessons(JobRunner* runner, QWidget* parent) {
  return {new Lesson1D(runner, parent), new Lesson2D(runner, parent), new LessonTrain(runner, parent)};
}

}  // namespace ds::ui
