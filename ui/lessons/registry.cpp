// The lessons of the main window's switcher, in order (ui/lesson.h).

#include "ui/lesson.h"
#include "ui/lessons/images/lessonimages.h"
#include "ui/lessons/inpaint/lessoninpaint.h"
#include "ui/lessons/inpaint2d/lessoninpaint2d.h"
#include "ui/lessons/likelihood/lessonlikelihood.h"
#include "ui/lessons/mixture1d/lesson1d.h"
#include "ui/lessons/mixture2d/lesson2d.h"
#include "ui/lessons/train/lessontrain.h"

namespace ds::ui {

std::vector<Lesson*> createLessons(ComputeContext* context, QWidget* parent) {
  // Each lesson owns its JobTracker(s): recomputing one lesson never supersedes another's job,
  // so a training run goes on while the student compares it in the 1-D/2-D lessons.
  return {new Lesson1D(context, parent),        new Lesson2D(context, parent),
          new LessonTrain(context, parent),     new LessonImages(context, parent),
          new LessonInpaint(context, parent),   new LessonInpaint2D(context, parent),
          new LessonLikelihood(context, parent)};
}

}  // namespace ds::ui
