#include "ui/jobrunner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>

#include <chrono>
#include <exception>
#include <utility>

namespace ds::ui {

namespace {

// Progress reaches the GUI at most this often (~30 Hz); the last step of a job always gets through.
constexpr auto kProgressInterval = std::chrono::milliseconds(33);

// How a job ended on the worker thread.
enum class Outcome { Finished, Failed, Cancelled };

}  // namespace

struct JobRunner::Impl {
  QThread thread;
  QObject* worker = nullptr;  // lives on `thread`; queued jobs are posted to it

  // GUI-thread state.
  quint64 lastId = 0;     // id of the newest submitted job (the only one whose result counts)
  quint64 runningJobs = 0;  // submitted jobs that have not reported back yet (superseded ones included)
  bool busy = false;
  QString name;
  CancelToken token;
  Done onDone;
  Failed onFailed;
};

JobRunner::JobRunner(QObject* parent) : QObject(parent), m_impl(std::make_unique<Impl>()) {
  m_impl->thread.setObjectName(QStringLiteral("ds-worker"));
  m_impl->worker = new QObject;
  m_impl->worker->moveToThread(&m_impl->thread);
  // The worker object dies on its own thread when the loop ends.
  connect(&m_impl->thread, &QThread::finished, m_impl->worker, &QObject::deleteLater);
  m_impl->thread.start();
}

JobRunner::~JobRunner() {
  // Stop the running job cooperatively, let the worker's event loop end, and join it. Jobs still
  // queued behind it never start (their tokens are cancelled too: each submit cancels the previous).
  m_impl->token.cancel();
  m_impl->thread.quit();
  m_impl->thread.wait();
  // Results the worker posted to us are discarded with this QObject.
}

quint64 JobRunner::submit(const QString& name, Work work, Done onDone, Failed onFailed) {
  Impl& d = *m_impl;
  d.token.cancel();  // supersede: the old job stops and its result is dropped (its id is stale)
  d.token = CancelToken();
  const quint64 id = ++d.lastId;
  d.name = name;
  d.onDone = std::move(onDone);
  d.onFailed = std::move(onFailed);
  ++d.runningJobs;
  if (!d.busy) {
    d.busy = true;
    Q_EMIT busyChanged(true);
  }
  Q_EMIT started(id, name);

  QPointer<JobRunner> self(this);
  CancelToken token = d.token;
  auto job = [self, id, token, work = std::move(work)]() mutable {
    // Runs on the worker thread. Never touches `self` except through queued invocations.
    auto lastEmit = std::chrono::steady_clock::now() - kProgressInterval;
    ProgressFn progress = [&](const Progress& p) {
      const auto now = std::chrono::steady_clock::now();
      const bool last = p.total > 0 && p.step >= p.total;
      if (!last && now - lastEmit < kProgressInterval) return;
      lastEmit = now;
      const qint64 step = p.step, total = p.total;
      QMetaObject::invokeMethod(
          self.data(), [self, id, step, total] {
            if (self && id == self->m_impl->lastId) Q_EMIT self->progress(id, step, total);
          },
          Qt::QueuedConnection);
    };

    auto result = std::make_shared<std::any>();
    Outcome outcome = Outcome::Finished;
    QString message;
    if (token.isCancelled()) {
      outcome = Outcome::Cancelled;  // superseded before it started
    } else {
      try {
        *result = work(progress, token);
        if (token.isCancelled()) outcome = Outcome::Cancelled;
      } catch (const ds::Cancelled&) {
        outcome = Outcome::Cancelled;
      } catch (const std::exception& e) {
        outcome = Outcome::Failed;
        message = QString::fromUtf8(e.what());
      } catch (...) {
        outcome = Outcome::Failed;
        message = QStringLiteral("unknown error");
      }
    }
    if (token.isCancelled()) outcome = Outcome::Cancelled;  // a late cancel still drops the result

    QMetaObject::invokeMethod(
        self.data(), [self, id, outcome, message, result] {
          if (!self) return;
          Impl& d = *self->m_impl;
          --d.runningJobs;
          const bool current = id == d.lastId;
          // Callbacks are taken out first: they may submit a new job (which replaces them).
          Done onDone = current ? std::move(d.onDone) : Done();
          Failed onFailed = current ? std::move(d.onFailed) : Failed();
          if (current) {
            d.onDone = nullptr;
            d.onFailed = nullptr;
          }
          switch (outcome) {
            case Outcome::Cancelled:
              Q_EMIT self->cancelled(id);
              break;
            case Outcome::Failed:
              if (current && onFailed) onFailed(message);
              if (self) Q_EMIT self->failed(id, message);
              break;
            case Outcome::Finished:
              if (current && onDone) {
                try {
                  onDone(*result);
                } catch (const std::exception& e) {
                  const QString why = QStringLiteral("could not show the result: %1").arg(QString::fromUtf8(e.what()));
                  if (self) Q_EMIT self->failed(id, why);
                  break;
                }
              }
              if (self) Q_EMIT self->finished(id);
              break;
          }
          if (self && self->m_impl->runningJobs == 0 && self->m_impl->busy) {
            self->m_impl->busy = false;
            Q_EMIT self->busyChanged(false);
          }
        },
        Qt::QueuedConnection);
  };
  QMetaObject::invokeMethod(d.worker, std::move(job), Qt::QueuedConnection);
  return id;
}

void JobRunner::cancel() { m_impl->token.cancel(); }

bool JobRunner::isBusy() const { return m_impl->busy; }

quint64 JobRunner::currentJobId() const { return m_impl->busy ? m_impl->lastId : 0; }

QString JobRunner::currentJobName() const { return m_impl->busy ? m_impl->name : QString(); }

bool JobRunner::waitForIdle(int msecs) {
  QDeadlineTimer deadline(msecs);
  while (m_impl->busy) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (m_impl->busy) QThread::msleep(1);
  }
  return true;
}

}  // namespace ds::ui
