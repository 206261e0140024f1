#pragma once
// One lesson's jobs (DESIGN.md "How data flows"): a worker thread of the tracker's own, where a
// job (a plain core call with its inputs by value, a progress callback and a cancel token) runs
// off the GUI thread and returns a typed result, which reaches the GUI thread as
// std::shared_ptr<const Result>. Each lesson owns its trackers, so a new job supersedes only the
// same tracker's running job (it is cancelled and its result is dropped by job id); the trackers
// of other lessons go on. Progress is throttled to ~30 Hz, the last step always gets through.
// Exceptions thrown by the work or by the GUI-thread callbacks are caught here and reported with
// `failed`; none reaches std::terminate. The destructor cancels the running job and joins it.
//
//   m_tracker->submit<ChainResult>(
//       tr("Sampling"),
//       [snapshot, device = context->device()](const ds::ProgressFn& progress, const ds::CancelToken& cancel) {
//         return runChains(snapshot, device, progress, cancel);  // worker thread: no widgets here
//       },
//       [this](std::shared_ptr<const ChainResult> result) { m_views->show(std::move(result)); });

#include "core/runtime/progress.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace ds::ui {

class ComputeContext;

class JobTracker : public QObject {
  Q_OBJECT

 public:
  template <class Result>
  using Work = std::function<Result(const ProgressFn& progress, const CancelToken& cancel)>;
  template <class Result>
  using Done = std::function<void(std::shared_ptr<const Result> result)>;
  using Failed = std::function<void(const QString& message)>;

  // `context` (may be null) names the device each job runs on in `started`; the lesson passes
  // the same context's device() into its work when it submits.
  explicit JobTracker(const ComputeContext* context = nullptr, QObject* parent = nullptr);
  // Cancels the running job and waits for the worker; results not yet delivered are dropped.
  ~JobTracker() override;

  // Starts a job; the running job of this tracker (if any) is cancelled and its result dropped.
  // `work` runs on the worker thread and must not touch widgets; it calls `progress` from that
  // thread only, and may throw (ds::Cancelled when it saw the token). `onDone` runs on the GUI thread, only for the
  // newest job and only when it was not cancelled; `onFailed` runs there when the work or `onDone` threw. Returns the
  // job's id (ids increase, 0 is never used). Result is named explicitly: submit<MyResult>(…).
  template <class Result>
  quint64 submit(const QString& name, Work<Result> work, Done<Result> onDone, Failed onFailed = {}) {
    static_assert(!std::is_void_v<Result> && !std::is_reference_v<Result>, "a job returns a value");
    ErasedWork erasedWork = [work = std::move(work)](const ProgressFn& progress, const CancelToken& cancel) {
      return std::shared_ptr<const void>(std::make_shared<const Result>(work(progress, cancel)));
    };
    ErasedDone erasedDone = [onDone = std::move(onDone)](std::shared_ptr<const void> result) {
      if (onDone) onDone(std::static_pointer_cast<const Result>(std::move(result)));
    };
    return submitErased(name, std::move(erasedWork), std::move(erasedDone), std::move(onFailed));
  }

  // Calls `submitNewest` now when no job of this tracker runs; else once the running job has
  // delivered its result (so inputs that change faster than a job takes, e.g. the snapshots of a
  // training run, still show every finished result). A later call replaces a waiting one; any
  // submit() drops it (that job already has the newest inputs), and so does a failed or cancelled
  // job (the user asked it to stop, or the inputs cannot be computed).
  void submitWhenIdle(std::function<void()> submitNewest);

  // Cancels the running job (if any); its result is dropped and `cancelled` is emitted.
  void cancel();
  // cancel(), then blocks until the worker has left the job (no events are processed: pending
  // results are dropped). For a lesson's destructor, before the data its jobs read goes away.
  void cancelAndWait();

  bool isBusy() const;
  // The newest job while one runs, else 0 / empty.
  quint64 currentJobId() const;
  QString currentJobName() const;
  QString currentJobDevice() const;  // as in `started`
  // Spins the event loop until no job runs (tests, batch mode); false when `msecs` ran out first.
  bool waitForIdle(int msecs);

 Q_SIGNALS:
  // `device` names where the job runs, e.g. "CPU (2 threads)" (empty without a context).
  void started(quint64 id, const QString& name, const QString& device);
  void progress(quint64 id, qint64 step, qint64 total);  // ~30 Hz; the last step always
  void finished(quint64 id);                             // the newest job's result was delivered
  void failed(quint64 id, const QString& message);
  void cancelled(quint64 id);  // superseded, or cancel()
  void busyChanged(bool busy);

 private:
  using ErasedWork = std::function<std::shared_ptr<const void>(const ProgressFn&, const CancelToken&)>;
  using ErasedDone = std::function<void(std::shared_ptr<const void>)>;
  struct Impl;
  struct Outcome;

  quint64 submitErased(const QString& name, ErasedWork work, ErasedDone onDone, Failed onFailed);
  void beginJob(quint64 id, const QString& name);
  void postToWorker(quint64 id, CancelToken token, ErasedWork work);
  ProgressFn throttledProgress(quint64 id);
  static Outcome runWork(const ErasedWork& work, const ProgressFn& progress, const CancelToken& token);
  void deliver(quint64 id, const Outcome& outcome);
  void deliverResult(quint64 id, const Outcome& outcome, ErasedDone& onDone, Failed& onFailed);
  void reportFailure(quint64 id, const QString& message, Failed& onFailed);
  void endJob();

  std::unique_ptr<Impl> m_impl;
};

}  // namespace ds::ui
