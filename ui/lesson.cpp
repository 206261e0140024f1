#include "ui/lesson.h"

#include "ui/jobtracker.h"

namespace ds::ui {

Lesson::Lesson(ComputeContext* context, QWidget* parent)
    : QWidget(parent), m_context(context), m_tracker(new JobTracker(context, this)) {
  m_tracker->setObjectName(QStringLiteral("lessonJobs"));
}

bool Lesson::applyState(const QJsonObject& state, QString* error) {
  if (state.isEmpty()) return true;
  if (error) *error = tr("The lesson “%1” cannot be opened from a lesson file yet.").arg(title());
  return false;
}

bool Lesson::restoreAutosave(const QString&, QString* error) {
  if (error) *error = tr("The lesson “%1” keeps no autosaved work.").arg(title());
  return false;
}

}  // namespace ds::ui
