#pragma once
// The single QObject facade over the worker thread (DESIGN.md "How data flows"): every
// sampling/training job of the GUI runs here, never on the GUI thread.

#include "core/runtime/progress.h"

#include <QObject>
#include <QString>

#include <any>
#include <functional>
#include <memory>

namespace ds::ui {

class JobRunner : public QObject {
  Q_OBJECT

 public:
  // The work runs on the worker thread; it must not touch widgets. It returns its result by value.
  using Work = std::function<std::any(const ProgressFn& progress, const CancelToken& cancel)>;
  // Runs on the GUI thread with the result, only if the job was not superseded or cancelled.
  using Done = std::function<void(std::any& result)>;
  using Failed = std::function<void(const QString& message)>;

  explicit JobRunner(QObject* parent = nullptr);
  // Requests a stop of the running job and waits for the worker to finish.
  ~JobRunner() override;

  // Starts a job. A running job is cancelled and superseded: its result is dropped.
  // Returns the new job's id (ids increase).
  quint64 submit(const QString& name, Work work, Done onDone, Failed onFailed = {});
  // Cancels the running job (if any); its result is dropped.
  void cancel();

  bool isBusy() const;
  quint64 currentJobId() const;
  QString currentJobName() const;
  // Spins the event loop until no job runs (for tests and shutdown); false on timeout.
  bool waitForIdle(int msecs);

 Q_SIGNALS:
  void started(quint64 id, const QString& name);
  void progress(quint64 id, qint64 step, qint64 total);  // throttled to ~30 Hz
  void finished(quint64 id);
  void failed(quint64 id, const QString& message);
  void cancelled(quint64 id);
  void busyChanged(bool busy);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace ds::ui
