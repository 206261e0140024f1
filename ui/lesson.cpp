#include "ui/lesson.h"

#include "ui/jobtracker.h"

namespace ds::ui {

Lesson::Lesson(ComputeContext* context, QWidget* parent)
    : QWidget(parent), m_context(context), m_tracker(new JobTracker(context, this)) {
  m_tracker->setObjectName(QStringLiteral("lessonJobs"));
}

Lesson::Lesson(JobRunner* runner, QWidget* parent)
    : QWidget(parent), m_runner(runner), m_tracker(new JobTracker(nullptr, this)) {
  m_tracker->setObjectName(QStringLiteral("lessonJobs"));
}

}  // namespace ds::ui
