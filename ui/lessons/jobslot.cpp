#include "ui/lessons/jobslot.h"

#include "ui/jobrunner.h"

#include <QTimer>
#include <QWidget>

#include <utility>

namespace ds::ui {

JobSlot::JobSlot(JobRunner* runner, std::function<void()> resubmit, QObject* parent)
    : QObject(parent), m_runner(runner), m_resubmit(std::move(resubmit)) {
  connect(m_runner, &JobRunner::cancelled, this, &JobSlot::onCancelled);
  connect(m_runner, &JobRunner::busyChanged, this, [this](bool busy) {
    // Deferred one turn so a queued result of our own job is applied first.
    if (!busy) QTimer::singleShot(0, this, &JobSlot::onIdle);
  });
}

void JobSlot::submitted(quint64 id) {
  m_pending = id;
  m_rerun = false;  // this submission already has the newest inputs
  m_dirty = true;
  m_userCancelled = false;
  m_failed = false;
}

void JobSlot::finished() {
  m_pending = 0;
  m_dirty = false;
  if (std::exchange(m_rerun, false)) QTimer::singleShot(0, this, &JobSlot::refresh);
}

void JobSlot::refresh() {
  const auto* lesson = qobject_cast<const QWidget*>(parent());
  if (!lesson || lesson->isVisible()) m_resubmit();
  else markDirty();
}

void JobSlot::refreshAfterRunning() {
  if (isPending()) m_rerun = true;
  else refresh();
}

void JobSlot::markDirty() {
  m_dirty = true;
  m_userCancelled = false;
  m_failed = false;
}

void JobSlot::failed() {
  m_pending = 0;
  m_failed = true;
}

void JobSlot::onCancelled(quint64 id) {
  // Superseded jobs are followed by a newer one; a cancel with no newer job came from the user.
  if (id == m_pending && m_runner->currentJobId() <= id) m_userCancelled = true;
}

void JobSlot::onIdle() {
  if (m_runner->isBusy() || !m_dirty || m_pending == 0 || m_userCancelled || m_failed) return;
  m_resubmit();
}

}  // namespace ds::ui
