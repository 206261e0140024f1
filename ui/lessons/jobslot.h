#pragma once
// Book-keeping for a lesson's one outstanding job on the shared JobRunner. The runner runs one job
// at a time and a new submission supersedes the running one, so two lessons computing their
// initial results would starve each other. A JobSlot notices when its lesson's job was superseded
// by someone else's and, once the runner is idle again, asks the lesson to resubmit. A job the
// user cancelled (status bar) or one that failed is not resubmitted.

#include <QObject>

#include <functional>

namespace ds::ui {

class JobRunner;

class JobSlot : public QObject {
  Q_OBJECT

 public:
  JobSlot(JobRunner* runner, std::function<void()> resubmit, QObject* parent = nullptr);

  void submitted(quint64 id);
  void finished();     // the result was applied
  void failed();       // the job threw: do not retry until the next edit
  // The shown result is out of date but nothing was submitted (e.g. the lesson is hidden): the
  // lesson recomputes when it is shown again.
  void markDirty();
  // The inputs changed: resubmit now if the lesson is on screen, else when it is shown again.
  void refresh();
  // The same, but a job of this slot that is already running finishes first (its result is shown,
  // then the slot resubmits): for inputs that change faster than a job takes, e.g. the snapshots a
  // training run publishes.
  void refreshAfterRunning();
  bool isDirty() const { return m_dirty; }
  bool isPending() const { return m_pending != 0; }
  bool wasCancelledByUser() const { return m_userCancelled; }

 private:
  void onCancelled(quint64 id);
  void onIdle();

  JobRunner* m_runner;
  std::function<void()> m_resubmit;
  quint64 m_pending = 0;
  bool m_dirty = true;
  bool m_userCancelled = false;
  bool m_failed = false;
  bool m_rerun = false;  // refreshAfterRunning() while a job ran
};

}  // namespace ds::ui
