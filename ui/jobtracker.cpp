#include "ui/jobtracker.h"

#include "ui/computecontext.h"
#include "ui/coremessages.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define DS_TSAN_ANNOTATIONS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DS_TSAN_ANNOTATIONS 1
#endif
#endif
#if defined(DS_TSAN_ANNOTATIONS)
#include <sanitizer/tsan_interface.h>
#endif

namespace ds::ui {

namespace {

// Progress reaches the GUI at most this often (~30 Hz): a sampler reports every step, far more
// often than a progress bar can be read, and each report is an event on the GUI thread.
constexpr auto kProgressInterval = std::chrono::milliseconds(33);

QString messageOf(std::exception_ptr error) {
  try {
    std::rethrow_exception(std::move(error));
  } catch (const std::exception& e) {
    return coreErrorMessage(e);  // a translated lead for the errors users meet, then core's English
  } catch (...) {
    return JobTracker::tr("unknown error");
  }
}

// The closure of a queued call is built by the posting thread, then run and destroyed by the
// receiving one (or destroyed by the poster, whichever drops Qt's last reference). Qt orders
// these steps with its event queue's lock and atomics inside libQt6Core, which ThreadSanitizer
// cannot see (Qt is not instrumented, and tests/tsan.supp ignores its internals), so a
// ThreadSanitizer build states that hand-over here: release where the closure is built, acquire
// before it runs or goes. Elsewhere QueuedCall is the bare closure.
template <class F>
class QueuedCall {
 public:
  explicit QueuedCall(F f) : m_f(std::move(f)) { release(); }
  QueuedCall(QueuedCall&& other) noexcept(std::is_nothrow_move_constructible_v<F>) : m_f(std::move(other.m_f)) {
    release();  // Qt moves the closure into its own storage: this is the copy that runs
  }
  QueuedCall(const QueuedCall&) = delete;
  QueuedCall& operator=(const QueuedCall&) = delete;
  QueuedCall& operator=(QueuedCall&&) = delete;
  ~QueuedCall() { acquire(); }

  void operator()() {
    acquire();
    m_f();
    release();  // for a poster that destroys the closure after it ran
  }

 private:
#if defined(DS_TSAN_ANNOTATIONS)
  void release() { __tsan_release(this); }
  void acquire() { __tsan_acquire(this); }
#else
  void release() {}
  void acquire() {}
#endif
  F m_f;
};

// Runs `f` on `receiver`'s thread, from its event loop.
template <class F>
void postTo(QObject* receiver, F f) {
  QMetaObject::invokeMethod(receiver, QueuedCall<F>(std::move(f)), Qt::QueuedConnection);
}

}  // namespace

// How a job ended on the worker thread.
struct JobTracker::Outcome {
  enum class Kind { Finished, Failed, Cancelled };
  Kind kind = Kind::Cancelled;
  std::shared_ptr<const void> result;  // Finished only
  QString message;                     // Failed only
};

struct JobTracker::Impl {
  const ComputeContext* context = nullptr;
  QThread thread;
  QObject* worker = nullptr;  // lives on `thread`; jobs are posted to it and run in order

  // GUI-thread state.
  quint64 lastId = 0;    // the newest job: the only one whose result counts
  quint64 inFlight = 0;  // posted jobs that have not reported back (superseded ones included)
  bool busy = false;
  QString name;
  QString device;
  CancelToken token;
  ErasedDone onDone;
  Failed onFailed;
  std::function<void()> whenIdle;  // submitWhenIdle() while a job ran

  // Jobs handed to the worker and not yet left by it (cancelAndWait() waits for 0).
  std::mutex mutex;
  std::condition_variable workerIdle;
  int workerJobs = 0;
};

namespace {

// Held by a posted job; counts it out when the job is destroyed, whether it ran or not (a job
// still queued when the thread ends is destroyed without running).
class WorkerJobCount {
 public:
  WorkerJobCount(std::mutex& mutex, std::condition_variable& idle, int& count)
      : m_mutex(mutex), m_idle(idle), m_count(count) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    ++m_count;
  }
  ~WorkerJobCount() {
    // Notified under the lock, so that whoever takes the mutex after the count reached 0 also
    // comes after the notify (~JobTracker relies on it before the condition variable goes).
    const std::lock_guard<std::mutex> lock(m_mutex);
    --m_count;
    m_idle.notify_all();
  }
  WorkerJobCount(const WorkerJobCount&) = delete;
  WorkerJobCount& operator=(const WorkerJobCount&) = delete;

 private:
  std::mutex& m_mutex;
  std::condition_variable& m_idle;
  int& m_count;
};

}  // namespace

JobTracker::JobTracker(const ComputeContext* context, QObject* parent)
    : QObject(parent), m_impl(std::make_unique<Impl>()) {
  m_impl->context = context;
  m_impl->thread.setObjectName(QStringLiteral("ds-jobs"));
  m_impl->worker = new QObject;
  m_impl->worker->moveToThread(&m_impl->thread);
  // The worker object dies on its own thread when the thread ends (with any jobs still queued).
  connect(&m_impl->thread, &QThread::finished, m_impl->worker, &QObject::deleteLater);
  m_impl->thread.start();
}

JobTracker::~JobTracker() {
  // Stop the running job cooperatively, end the worker's loop and join it. Jobs queued behind the
  // running one never start (each submit cancelled its predecessor). The worker posts results to
  // `this`; once it is joined no more arrive, and QObject drops those not yet delivered.
  m_impl->token.cancel();
  m_impl->thread.quit();
  m_impl->thread.wait();
  // The worker's last touch of this tracker is a WorkerJobCount leaving under the mutex. Taking the
  // mutex orders that before the members are destroyed in a way ThreadSanitizer sees (the ordering
  // that QThread::wait() gives is inside Qt).
  const std::lock_guard<std::mutex> lock(m_impl->mutex);
}

quint64 JobTracker::submitErased(const QString& name, ErasedWork work, ErasedDone onDone, Failed onFailed) {
  Impl& d = *m_impl;
  d.token.cancel();  // supersede: the old job stops, and its id is stale when it reports back
  d.token = CancelToken();
  const quint64 id = ++d.lastId;
  d.onDone = std::move(onDone);
  d.onFailed = std::move(onFailed);
  d.whenIdle = nullptr;  // this job has the newest inputs
  beginJob(id, name);
  postToWorker(id, d.token, std::move(work));
  return id;
}

void JobTracker::beginJob(quint64 id, const QString& name) {
  Impl& d = *m_impl;
  d.name = name;
  d.device = d.context ? d.context->deviceName() : QString();
  ++d.inFlight;
  if (!d.busy) {
    d.busy = true;
    Q_EMIT busyChanged(true);
  }
  Q_EMIT started(id, name, d.device);
}

ProgressFn JobTracker::throttledProgress(quint64 id) {
  // Called on the worker thread by the job. Posting to `this` is safe: the destructor joins the
  // worker before the tracker's memory goes.
  auto lastPost =
      std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now() - kProgressInterval);
  return [this, id, lastPost](const Progress& p) {
    const auto now = std::chrono::steady_clock::now();
    const bool last = p.total > 0 && p.step >= p.total;
    if (!last && now - *lastPost < kProgressInterval) return;
    *lastPost = now;
    const qint64 step = p.step, total = p.total;
    postTo(this, [this, id, step, total] {
      if (m_impl->busy && id == m_impl->lastId) Q_EMIT progress(id, step, total);
    });
  };
}

JobTracker::Outcome JobTracker::runWork(const ErasedWork& work, const ProgressFn& progress, const CancelToken& token) {
  Outcome outcome;                          // Cancelled unless the work runs to the end
  if (token.isCancelled()) return outcome;  // superseded before it started
  try {
    outcome.result = work(progress, token);
    outcome.kind = Outcome::Kind::Finished;
  } catch (const ds::Cancelled&) {
    outcome.kind = Outcome::Kind::Cancelled;
  } catch (...) {
    outcome.kind = Outcome::Kind::Failed;
    outcome.message = messageOf(std::current_exception());
  }
  if (token.isCancelled()) outcome = Outcome{};  // a late cancel still drops the result
  return outcome;
}

void JobTracker::postToWorker(quint64 id, CancelToken token, ErasedWork work) {
  Impl& d = *m_impl;
  auto count = std::make_shared<WorkerJobCount>(d.mutex, d.workerIdle, d.workerJobs);
  auto job = [this, id, token = std::move(token), work = std::move(work), progress = throttledProgress(id),
              count]() mutable {
    const Outcome outcome = runWork(work, progress, token);
    // The work's captures (the job's inputs) go here, on the worker, before the result is handed
    // over: an input may share data with the result (a tensor the result keeps), and a reference
    // dropped on the worker after the hand-over would race with the GUI thread freeing it (found
    // by the tsan preset in the Inpaint lesson: the request's picture, kept by the result).
    work = nullptr;
    postTo(this, [this, id, outcome] { deliver(id, outcome); });
  };
  postTo(d.worker, std::move(job));
}

void JobTracker::deliver(quint64 id, const Outcome& outcome) {
  Impl& d = *m_impl;
  --d.inFlight;
  const bool current = id == d.lastId;
  // Callbacks are taken out first: they may submit the next job, which brings its own.
  ErasedDone onDone;
  Failed onFailed;
  if (current) {
    onDone = std::exchange(d.onDone, nullptr);
    onFailed = std::exchange(d.onFailed, nullptr);
  }
  QPointer<JobTracker> self(this);  // a callback may destroy the tracker (and its lesson)
  if (outcome.kind == Outcome::Kind::Finished && current) {
    deliverResult(id, outcome, onDone, onFailed);
  } else if (outcome.kind == Outcome::Kind::Failed) {
    if (current) d.whenIdle = nullptr;
    reportFailure(id, outcome.message, onFailed);
  } else {
    // Cancelled, or finished after a newer job superseded it: the result is dropped.
    if (current) d.whenIdle = nullptr;
    Q_EMIT cancelled(id);
  }
  if (self) endJob();
}

void JobTracker::deliverResult(quint64 id, const Outcome& outcome, ErasedDone& onDone, Failed& onFailed) {
  QPointer<JobTracker> self(this);
  try {
    if (onDone) onDone(outcome.result);
  } catch (...) {
    // A view that cannot take the result must not take the program down with it.
    if (!self) return;
    m_impl->whenIdle = nullptr;
    reportFailure(id, tr("could not show the result: %1").arg(messageOf(std::current_exception())), onFailed);
    return;
  }
  if (self) Q_EMIT finished(id);
}

void JobTracker::reportFailure(quint64 id, const QString& message, Failed& onFailed) {
  QPointer<JobTracker> self(this);
  try {
    if (onFailed) onFailed(message);
  } catch (...) {
    // The failure is still reported below; a second error while reporting it adds nothing.
  }
  if (self) Q_EMIT failed(id, message);
}

void JobTracker::endJob() {
  Impl& d = *m_impl;
  if (d.inFlight != 0 || !d.busy) return;
  d.busy = false;
  QPointer<JobTracker> self(this);
  Q_EMIT busyChanged(false);
  if (!self || !m_impl->whenIdle) return;
  std::function<void()> next = std::exchange(m_impl->whenIdle, nullptr);
  try {
    next();
  } catch (...) {
    if (self) Q_EMIT failed(m_impl->lastId, messageOf(std::current_exception()));
  }
}

void JobTracker::submitWhenIdle(std::function<void()> submitNewest) {
  Impl& d = *m_impl;
  // A job the user cancelled is on its way out: the new request need not wait for it.
  if (d.busy && !d.token.isCancelled()) {
    d.whenIdle = std::move(submitNewest);
    return;
  }
  d.whenIdle = nullptr;
  if (submitNewest) submitNewest();
}

void JobTracker::cancel() { m_impl->token.cancel(); }

void JobTracker::cancelAndWait() {
  cancel();
  std::unique_lock<std::mutex> lock(m_impl->mutex);
  m_impl->workerIdle.wait(lock, [this] { return m_impl->workerJobs == 0; });
}

bool JobTracker::isBusy() const { return m_impl->busy; }

quint64 JobTracker::currentJobId() const { return m_impl->busy ? m_impl->lastId : 0; }

QString JobTracker::currentJobName() const { return m_impl->busy ? m_impl->name : QString(); }

QString JobTracker::currentJobDevice() const { return m_impl->busy ? m_impl->device : QString(); }

bool JobTracker::waitForIdle(int msecs) {
  QDeadlineTimer deadline(msecs);
  while (m_impl->busy) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (m_impl->busy) QThread::msleep(1);
  }
  return true;
}

}  // namespace ds::ui
