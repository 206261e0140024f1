// JobRunner: jobs run off the GUI thread, report back on it, can be cancelled and superseded,
// and the runner can be destroyed mid-job.

#include "ui/jobrunner.h"

#include <QApplication>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using ds::CancelToken;
using ds::Progress;
using ds::ProgressFn;
using ds::ui::JobRunner;

namespace {

// A job that runs until cancelled (checking the token like a sampler does), reporting progress.
JobRunner::Work spinUntilCancelled(std::atomic<bool>* started = nullptr, int maxMs = 10000) {
  return [started, maxMs](const ProgressFn& progress, const CancelToken& cancel) -> std::any {
    if (started) started->store(true);
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(maxMs);
    long long step = 0;
    while (std::chrono::steady_clock::now() < end) {
      if (cancel.isCancelled()) throw ds::Cancelled();
      progress(Progress{++step, 1000000, "spin"});
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return std::any(-1);
  };
}

bool waitUntil(const std::function<bool()>& pred, int ms = 5000) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    QApplication::processEvents();
    QThread::msleep(1);
  }
  return true;
}

}  // namespace

TEST(JobRunner, RunsWorkOffTheGuiThreadAndDeliversOnIt) {
  JobRunner runner;
  QSignalSpy finished(&runner, &JobRunner::finished);
  QSignalSpy busy(&runner, &JobRunner::busyChanged);
  QThread* workThread = nullptr;
  QThread* doneThread = nullptr;
  int value = 0;
  const quint64 id = runner.submit(
      QStringLiteral("square"),
      [&workThread](const ProgressFn& progress, const CancelToken&) -> std::any {
        workThread = QThread::currentThread();
        progress(Progress{1, 1, "square"});
        return std::any(7 * 7);
      },
      [&](std::any& result) {
        doneThread = QThread::currentThread();
        value = std::any_cast<int>(result);
      });
  EXPECT_TRUE(runner.isBusy());
  EXPECT_EQ(runner.currentJobId(), id);
  ASSERT_TRUE(runner.waitForIdle(5000));
  EXPECT_EQ(value, 49);
  ASSERT_NE(workThread, nullptr);
  EXPECT_NE(workThread, QApplication::instance()->thread());
  EXPECT_EQ(doneThread, QApplication::instance()->thread());
  ASSERT_EQ(finished.count(), 1);
  EXPECT_EQ(finished.at(0).at(0).toULongLong(), id);
  ASSERT_EQ(busy.count(), 2);  // true, then false
  EXPECT_TRUE(busy.at(0).at(0).toBool());
  EXPECT_FALSE(busy.at(1).at(0).toBool());
  EXPECT_FALSE(runner.isBusy());
}

TEST(JobRunner, CancelStopsTheJobAndDropsItsResult) {
  JobRunner runner;
  QSignalSpy cancelled(&runner, &JobRunner::cancelled);
  QSignalSpy finished(&runner, &JobRunner::finished);
  std::atomic<bool> started{false};
  bool doneCalled = false;
  const quint64 id = runner.submit(QStringLiteral("spin"), spinUntilCancelled(&started),
                                   [&](std::any&) { doneCalled = true; });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  const auto t0 = std::chrono::steady_clock::now();
  runner.cancel();
  ASSERT_TRUE(runner.waitForIdle(5000));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));  // stopped, not run out
  EXPECT_FALSE(doneCalled);
  EXPECT_EQ(finished.count(), 0);
  ASSERT_EQ(cancelled.count(), 1);
  EXPECT_EQ(cancelled.at(0).at(0).toULongLong(), id);
}

TEST(JobRunner, ProgressIsThrottledAndReachesTheGuiThread) {
  JobRunner runner;
  QSignalSpy progress(&runner, &JobRunner::progress);
  runner.submit(
      QStringLiteral("many steps"),
      [](const ProgressFn& report, const CancelToken&) -> std::any {
        // 20000 reports in about 0.3 s: far more than the GUI should repaint.
        for (int i = 1; i <= 20000; ++i) {
          report(Progress{i, 20000, "steps"});
          if (i % 1000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(15));
        }
        return {};
      },
      [](std::any&) {});
  ASSERT_TRUE(runner.waitForIdle(10000));
  EXPECT_GE(progress.count(), 2);
  EXPECT_LE(progress.count(), 40);  // ~30 Hz over ~0.3 s, plus the last step
  EXPECT_EQ(progress.last().at(1).toLongLong(), 20000);  // the final step always gets through
}

TEST(JobRunner, NewSubmitSupersedesTheRunningJob) {
  JobRunner runner;
  QSignalSpy cancelled(&runner, &JobRunner::cancelled);
  std::atomic<bool> started{false};
  bool oldDone = false;
  int newValue = 0;
  const quint64 oldId = runner.submit(QStringLiteral("old"), spinUntilCancelled(&started),
                                      [&](std::any&) { oldDone = true; });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  const quint64 newId = runner.submit(
      QStringLiteral("new"), [](const ProgressFn&, const CancelToken&) -> std::any { return std::any(42); },
      [&](std::any& r) { newValue = std::any_cast<int>(r); });
  EXPECT_GT(newId, oldId);
  EXPECT_EQ(runner.currentJobId(), newId);
  EXPECT_EQ(runner.currentJobName(), QStringLiteral("new"));
  ASSERT_TRUE(runner.waitForIdle(5000));
  EXPECT_FALSE(oldDone);
  EXPECT_EQ(newValue, 42);
  ASSERT_GE(cancelled.count(), 1);
  EXPECT_EQ(cancelled.at(0).at(0).toULongLong(), oldId);
}

TEST(JobRunner, AStaleResultThatIgnoresCancelIsStillDropped) {
  JobRunner runner;
  std::atomic<bool> release{false};
  bool oldDone = false;
  int newValue = 0;
  // The old job never looks at its token: it returns a result after being superseded.
  runner.submit(
      QStringLiteral("stubborn"),
      [&release](const ProgressFn&, const CancelToken&) -> std::any {
        while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return std::any(1);
      },
      [&](std::any&) { oldDone = true; });
  runner.submit(
      QStringLiteral("fresh"), [](const ProgressFn&, const CancelToken&) -> std::any { return std::any(2); },
      [&](std::any& r) { newValue = std::any_cast<int>(r); });
  release = true;
  ASSERT_TRUE(runner.waitForIdle(5000));
  EXPECT_FALSE(oldDone);
  EXPECT_EQ(newValue, 2);
}

TEST(JobRunner, ExceptionsBecomeFailedWithTheMessage) {
  JobRunner runner;
  QSignalSpy failed(&runner, &JobRunner::failed);
  QString message;
  bool doneCalled = false;
  runner.submit(
      QStringLiteral("broken"),
      [](const ProgressFn&, const CancelToken&) -> std::any { throw std::runtime_error("checkpoint is corrupt"); },
      [&](std::any&) { doneCalled = true; }, [&](const QString& m) { message = m; });
  ASSERT_TRUE(runner.waitForIdle(5000));
  EXPECT_FALSE(doneCalled);
  EXPECT_EQ(message, QStringLiteral("checkpoint is corrupt"));
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(failed.at(0).at(1).toString(), QStringLiteral("checkpoint is corrupt"));
  // The runner keeps working after a failure.
  int v = 0;
  runner.submit(QStringLiteral("ok"), [](const ProgressFn&, const CancelToken&) -> std::any { return std::any(3); },
                [&](std::any& r) { v = std::any_cast<int>(r); });
  ASSERT_TRUE(runner.waitForIdle(5000));
  EXPECT_EQ(v, 3);
}

TEST(JobRunner, DoneMaySubmitTheNextJob) {
  JobRunner runner;
  int second = 0;
  runner.submit(
      QStringLiteral("first"), [](const ProgressFn&, const CancelToken&) -> std::any { return std::any(1); },
      [&](std::any&) {
        runner.submit(QStringLiteral("second"),
                      [](const ProgressFn&, const CancelToken&) -> std::any { return std::any(2); },
                      [&](std::any& r) { second = std::any_cast<int>(r); });
      });
  ASSERT_TRUE(waitUntil([&] { return second == 2; }));
  ASSERT_TRUE(runner.waitForIdle(5000));
}

TEST(JobRunner, DestructorMidJobCancelsAndJoins) {
  std::atomic<bool> started{false};
  std::atomic<bool> sawCancel{false};
  bool doneCalled = false;
  {
    JobRunner runner;
    runner.submit(
        QStringLiteral("long"),
        [&](const ProgressFn&, const CancelToken& cancel) -> std::any {
          started = true;
          for (int i = 0; i < 20000; ++i) {
            if (cancel.isCancelled()) {
              sawCancel = true;
              throw ds::Cancelled();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
          return {};
        },
        [&](std::any&) { doneCalled = true; });
    ASSERT_TRUE(waitUntil([&] { return started.load(); }));
    // ~JobRunner here: it must cancel the job and wait for it, well before the job's 20 s.
  }
  EXPECT_TRUE(sawCancel.load());
  QApplication::processEvents();  // nothing may be delivered to the dead runner's callbacks
  EXPECT_FALSE(doneCalled);
}

TEST(JobRunner, WaitForIdleTimesOut) {
  JobRunner runner;
  runner.submit(QStringLiteral("spin"), spinUntilCancelled(nullptr, 3000), [](std::any&) {});
  EXPECT_FALSE(runner.waitForIdle(50));
  runner.cancel();
  EXPECT_TRUE(runner.waitForIdle(5000));
}
