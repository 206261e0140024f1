// JobTracker: typed jobs run off the GUI thread and their results come back on it as
// shared_ptr<const Result>; a new job supersedes only its own tracker's job; cancel, failures
// (in the work and in the GUI callback), throttled progress, and a destructor that joins.

#include "ui/jobtracker.h"

#include "ui/computecontext.h"

#include <QApplication>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using ds::CancelToken;
using ds::Progress;
using ds::ProgressFn;
using ds::ui::ComputeContext;
using ds::ui::JobTracker;

namespace {

// Spins the event loop until `pred` holds. The limit only stops a broken build from hanging; no
// test depends on how fast anything is.
bool waitUntil(const std::function<bool()>& pred, int ms = 10000) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    QApplication::processEvents();
    QThread::msleep(1);
  }
  return true;
}

// A job that runs until its token is cancelled (checking it like a sampler does), or until
// `release` is set, when it returns `value`. Sets `started` when it begins.
JobTracker::Work<int> blockingJob(std::atomic<bool>* started, const std::atomic<bool>* release = nullptr,
                                  int value = -1, std::atomic<bool>* left = nullptr) {
  return [=](const ProgressFn&, const CancelToken& cancel) -> int {
    if (started) started->store(true);
    struct Leave {
      std::atomic<bool>* flag;
      ~Leave() {
        if (flag) flag->store(true);
      }
    } leave{left};
    while (!(release && release->load())) {
      if (cancel.isCancelled()) throw ds::Cancelled();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return value;
  };
}

struct Samples {
  std::vector<double> values;
  QThread* computedOn = nullptr;
};

}  // namespace

TEST(JobTracker, DeliversATypedResultOnTheGuiThread) {
  ComputeContext context;
  JobTracker tracker(&context);
  QSignalSpy started(&tracker, &JobTracker::started);
  QSignalSpy finished(&tracker, &JobTracker::finished);
  QSignalSpy busy(&tracker, &JobTracker::busyChanged);
  std::shared_ptr<const Samples> got;
  QThread* doneOn = nullptr;
  const quint64 id = tracker.submit<Samples>(
      QStringLiteral("squares"),
      [](const ProgressFn& progress, const CancelToken&) {
        Samples s;
        for (int i = 1; i <= 4; ++i) s.values.push_back(i * i);
        s.computedOn = QThread::currentThread();
        progress(Progress{1, 1, "squares"});
        return s;
      },
      [&](std::shared_ptr<const Samples> result) {
        doneOn = QThread::currentThread();
        got = std::move(result);
      });
  EXPECT_NE(id, 0u);
  EXPECT_TRUE(tracker.isBusy());
  EXPECT_EQ(tracker.currentJobId(), id);
  EXPECT_EQ(tracker.currentJobName(), QStringLiteral("squares"));
  ASSERT_TRUE(tracker.waitForIdle(10000));
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->values, (std::vector<double>{1, 4, 9, 16}));
  EXPECT_NE(got->computedOn, QApplication::instance()->thread());
  EXPECT_EQ(doneOn, QApplication::instance()->thread());
  ASSERT_EQ(started.count(), 1);
  EXPECT_EQ(started.at(0).at(1).toString(), QStringLiteral("squares"));
  EXPECT_EQ(started.at(0).at(2).toString(), context.deviceName());  // where the job ran
  EXPECT_FALSE(context.deviceName().isEmpty());
  ASSERT_EQ(finished.count(), 1);
  EXPECT_EQ(finished.at(0).at(0).toULongLong(), id);
  ASSERT_EQ(busy.count(), 2);  // true, then false
  EXPECT_TRUE(busy.at(0).at(0).toBool());
  EXPECT_FALSE(busy.at(1).at(0).toBool());
  EXPECT_EQ(tracker.currentJobId(), 0u);
}

TEST(JobTracker, OneTrackerCarriesResultsOfDifferentTypes) {
  JobTracker tracker;
  int number = 0;
  std::string text;
  tracker.submit<int>(
      QStringLiteral("int"), [](const ProgressFn&, const CancelToken&) { return 7; },
      [&](std::shared_ptr<const int> r) { number = *r; });
  ASSERT_TRUE(tracker.waitForIdle(10000));
  tracker.submit<std::string>(
      QStringLiteral("text"), [](const ProgressFn&, const CancelToken&) { return std::string("x_t"); },
      [&](std::shared_ptr<const std::string> r) { text = *r; });
  ASSERT_TRUE(tracker.waitForIdle(10000));
  EXPECT_EQ(number, 7);
  EXPECT_EQ(text, "x_t");
}

// Two lessons' trackers: both jobs run at the same time and neither cancels the other.
TEST(JobTracker, TrackersRunConcurrentlyAndNeverSupersedeEachOther) {
  JobTracker training, sampling;
  QSignalSpy trainingCancelled(&training, &JobTracker::cancelled);
  QSignalSpy samplingCancelled(&sampling, &JobTracker::cancelled);
  std::atomic<bool> trainingStarted{false}, samplingDone{false};
  int trainingResult = 0, samplingResult = 0;
  // The training job only ends once the sampling job of the other tracker has run: if the two
  // trackers shared a worker (or one superseded the other), it would be cancelled or never end.
  training.submit<int>(QStringLiteral("train"), blockingJob(&trainingStarted, &samplingDone, 1),
                       [&](std::shared_ptr<const int> r) { trainingResult = *r; });
  ASSERT_TRUE(waitUntil([&] { return trainingStarted.load(); }));
  sampling.submit<int>(
      QStringLiteral("sample"),
      [&](const ProgressFn&, const CancelToken&) {
        samplingDone = true;
        return 2;
      },
      [&](std::shared_ptr<const int> r) { samplingResult = *r; });
  ASSERT_TRUE(waitUntil([&] { return !training.isBusy() && !sampling.isBusy(); }));
  EXPECT_EQ(trainingResult, 1);
  EXPECT_EQ(samplingResult, 2);
  EXPECT_EQ(trainingCancelled.count(), 0);
  EXPECT_EQ(samplingCancelled.count(), 0);
}

TEST(JobTracker, NewJobSupersedesTheRunningJobOfTheSameTracker) {
  JobTracker tracker;
  QSignalSpy cancelled(&tracker, &JobTracker::cancelled);
  QSignalSpy finished(&tracker, &JobTracker::finished);
  std::atomic<bool> started{false};
  bool oldDone = false;
  int newValue = 0;
  const quint64 oldId = tracker.submit<int>(QStringLiteral("old"), blockingJob(&started),
                                            [&](std::shared_ptr<const int>) { oldDone = true; });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  const quint64 newId = tracker.submit<int>(
      QStringLiteral("new"), [](const ProgressFn&, const CancelToken&) { return 42; },
      [&](std::shared_ptr<const int> r) { newValue = *r; });
  EXPECT_GT(newId, oldId);
  EXPECT_EQ(tracker.currentJobId(), newId);
  EXPECT_EQ(tracker.currentJobName(), QStringLiteral("new"));
  ASSERT_TRUE(tracker.waitForIdle(10000));
  EXPECT_FALSE(oldDone);
  EXPECT_EQ(newValue, 42);
  ASSERT_EQ(cancelled.count(), 1);
  EXPECT_EQ(cancelled.at(0).at(0).toULongLong(), oldId);
  ASSERT_EQ(finished.count(), 1);
  EXPECT_EQ(finished.at(0).at(0).toULongLong(), newId);
}

TEST(JobTracker, AStaleResultThatIgnoresCancelIsDroppedById) {
  JobTracker tracker;
  std::atomic<bool> release{false}, started{false};
  bool oldDone = false;
  int newValue = 0;
  // The old job never looks at its token: it returns a result after being superseded.
  tracker.submit<int>(
      QStringLiteral("stubborn"),
      [&](const ProgressFn&, const CancelToken&) {
        started = true;
        while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return 1;
      },
      [&](std::shared_ptr<const int>) { oldDone = true; });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.submit<int>(
      QStringLiteral("fresh"), [](const ProgressFn&, const CancelToken&) { return 2; },
      [&](std::shared_ptr<const int> r) { newValue = *r; });
  release = true;
  ASSERT_TRUE(tracker.waitForIdle(10000));
  EXPECT_FALSE(oldDone);
  EXPECT_EQ(newValue, 2);
}

TEST(JobTracker, CancelStopsTheJobAndDropsItsResult) {
  JobTracker tracker;
  QSignalSpy cancelled(&tracker, &JobTracker::cancelled);
  QSignalSpy finished(&tracker, &JobTracker::finished);
  std::atomic<bool> started{false}, left{false};
  bool doneCalled = false;
  const quint64 id = tracker.submit<int>(QStringLiteral("spin"), blockingJob(&started, nullptr, -1, &left),
                                         [&](std::shared_ptr<const int>) { doneCalled = true; });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.cancel();
  ASSERT_TRUE(tracker.waitForIdle(10000));  // the job never ends by itself: only the cancel stops it
  EXPECT_TRUE(left.load());
  EXPECT_FALSE(doneCalled);
  EXPECT_EQ(finished.count(), 0);
  ASSERT_EQ(cancelled.count(), 1);
  EXPECT_EQ(cancelled.at(0).at(0).toULongLong(), id);
}

TEST(JobTracker, AnExceptionInTheWorkBecomesFailed) {
  JobTracker tracker;
  QSignalSpy failed(&tracker, &JobTracker::failed);
  QSignalSpy finished(&tracker, &JobTracker::finished);
  QString message;
  bool doneCalled = false;
  tracker.submit<int>(
      QStringLiteral("broken"),
      [](const ProgressFn&, const CancelToken&) -> int { throw std::runtime_error("checkpoint is corrupt"); },
      [&](std::shared_ptr<const int>) { doneCalled = true; }, [&](const QString& m) { message = m; });
  ASSERT_TRUE(tracker.waitForIdle(10000));
  EXPECT_FALSE(doneCalled);
  EXPECT_EQ(message, QStringLiteral("checkpoint is corrupt"));
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(failed.at(0).at(1).toString(), QStringLiteral("checkpoint is corrupt"));
  EXPECT_EQ(finished.count(), 0);

  // Not a std::exception either: still a failure with a message, not std::terminate.
  tracker.submit<int>(
      QStringLiteral("odd"), [](const ProgressFn&, const CancelToken&) -> int { throw 42; },
      [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(tracker.waitForIdle(10000));
  ASSERT_EQ(failed.count(), 2);
  EXPECT_FALSE(failed.at(1).at(1).toString().isEmpty());

  // The tracker keeps working after failures.
  int v = 0;
  tracker.submit<int>(
      QStringLiteral("ok"), [](const ProgressFn&, const CancelToken&) { return 3; },
      [&](std::shared_ptr<const int> r) { v = *r; });
  ASSERT_TRUE(tracker.waitForIdle(10000));
  EXPECT_EQ(v, 3);
}

TEST(JobTracker, AnExceptionInTheGuiCallbackBecomesFailed) {
  JobTracker tracker;
  QSignalSpy failed(&tracker, &JobTracker::failed);
  QSignalSpy finished(&tracker, &JobTracker::finished);
  QSignalSpy busy(&tracker, &JobTracker::busyChanged);
  QString message;
  const quint64 id = tracker.submit<int>(
      QStringLiteral("shown badly"), [](const ProgressFn&, const CancelToken&) { return 1; },
      [](std::shared_ptr<const int>) { throw std::runtime_error("the view cannot take 1"); },
      [&](const QString& m) { message = m; });
  ASSERT_TRUE(tracker.waitForIdle(10000));
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(failed.at(0).at(0).toULongLong(), id);
  EXPECT_TRUE(failed.at(0).at(1).toString().contains(QStringLiteral("the view cannot take 1")));
  EXPECT_EQ(message, failed.at(0).at(1).toString());
  EXPECT_EQ(finished.count(), 0);
  ASSERT_FALSE(busy.isEmpty());
  EXPECT_FALSE(busy.last().at(0).toBool());  // the tracker is idle again, not stuck busy
}

TEST(JobTracker, ProgressIsThrottledAndTheLastStepAlwaysArrives) {
  JobTracker tracker;
  QSignalSpy progress(&tracker, &JobTracker::progress);
  constexpr int kSteps = 200000;
  tracker.submit<int>(
      QStringLiteral("many steps"),
      [](const ProgressFn& report, const CancelToken&) {
        // Reported as fast as a loop can: the last step follows the one before at once, so only
        // the always-deliver rule gets it through the throttle.
        for (int i = 1; i <= kSteps; ++i) report(Progress{i, kSteps, "steps"});
        return 0;
      },
      [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(tracker.waitForIdle(10000));
  ASSERT_GE(progress.count(), 1);
  EXPECT_LT(progress.count(), kSteps / 100);  // unthrottled, every one of the 200000 would arrive
  EXPECT_EQ(progress.last().at(1).toLongLong(), kSteps);
  EXPECT_EQ(progress.last().at(2).toLongLong(), kSteps);
  for (int i = 1; i < progress.count(); ++i)
    EXPECT_GT(progress.at(i).at(1).toLongLong(), progress.at(i - 1).at(1).toLongLong());
}

TEST(JobTracker, DoneMaySubmitTheNextJob) {
  JobTracker tracker;
  int second = 0;
  tracker.submit<int>(
      QStringLiteral("first"), [](const ProgressFn&, const CancelToken&) { return 1; },
      [&](std::shared_ptr<const int>) {
        tracker.submit<int>(
            QStringLiteral("second"), [](const ProgressFn&, const CancelToken&) { return 2; },
            [&](std::shared_ptr<const int> r) { second = *r; });
      });
  ASSERT_TRUE(waitUntil([&] { return second == 2; }));
  ASSERT_TRUE(tracker.waitForIdle(10000));
}

// submitWhenIdle: the newest request runs once the running job has shown its result.
TEST(JobTracker, SubmitWhenIdleRunsTheNewestRequestAfterTheRunningJob) {
  JobTracker tracker;
  int calls = 0;
  tracker.submitWhenIdle([&] { ++calls; });  // idle: at once
  EXPECT_EQ(calls, 1);

  std::atomic<bool> started{false}, release{false};
  std::vector<QString> order;
  tracker.submit<int>(QStringLiteral("chain"), blockingJob(&started, &release, 5),
                      [&](std::shared_ptr<const int>) { order.push_back(QStringLiteral("result")); });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.submitWhenIdle([&] { order.push_back(QStringLiteral("stale request")); });
  tracker.submitWhenIdle([&] { order.push_back(QStringLiteral("newest request")); });
  EXPECT_TRUE(order.empty());  // the running job is not superseded
  release = true;
  ASSERT_TRUE(waitUntil([&] { return order.size() == 2; }));
  QApplication::processEvents();
  EXPECT_EQ(order, (std::vector<QString>{QStringLiteral("result"), QStringLiteral("newest request")}));
}

TEST(JobTracker, SubmitWhenIdleIsDroppedWhenTheJobFailsOrANewJobArrives) {
  JobTracker tracker;
  bool ran = false;
  std::atomic<bool> started{false}, release{false};
  tracker.submit<int>(
      QStringLiteral("broken"),
      [&](const ProgressFn&, const CancelToken&) -> int {
        started = true;
        while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        throw std::runtime_error("no");
      },
      [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.submitWhenIdle([&] { ran = true; });
  release = true;
  ASSERT_TRUE(tracker.waitForIdle(10000));
  QApplication::processEvents();
  EXPECT_FALSE(ran);  // inputs that cannot be computed are not retried until they change

  started = false;
  tracker.submit<int>(QStringLiteral("long"), blockingJob(&started), [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.submitWhenIdle([&] { ran = true; });
  tracker.submit<int>(
      QStringLiteral("newest"), [](const ProgressFn&, const CancelToken&) { return 0; },
      [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(tracker.waitForIdle(10000));
  QApplication::processEvents();
  EXPECT_FALSE(ran);  // the submitted job already had the newest inputs

  // After the user cancelled the running job, a new request need not wait for it to wind down.
  started = false;
  tracker.submit<int>(QStringLiteral("long"), blockingJob(&started), [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.cancel();
  tracker.submitWhenIdle([&] { ran = true; });
  EXPECT_TRUE(ran);
  ASSERT_TRUE(tracker.waitForIdle(10000));
}

TEST(JobTracker, DestructorCancelsAndJoinsTheRunningJob) {
  std::atomic<bool> started{false}, left{false};
  bool doneCalled = false;
  {
    JobTracker tracker;
    tracker.submit<int>(QStringLiteral("long"), blockingJob(&started, nullptr, -1, &left),
                        [&](std::shared_ptr<const int>) { doneCalled = true; });
    ASSERT_TRUE(waitUntil([&] { return started.load(); }));
    EXPECT_FALSE(left.load());
    // ~JobTracker here: the job only ends when cancelled, so returning means it cancelled and joined.
  }
  EXPECT_TRUE(left.load());
  QApplication::processEvents();  // nothing may be delivered to the dead tracker's callbacks
  EXPECT_FALSE(doneCalled);
}

TEST(JobTracker, CancelAndWaitReturnsOnceTheWorkerLeftTheJob) {
  JobTracker tracker;
  QSignalSpy cancelled(&tracker, &JobTracker::cancelled);
  std::atomic<bool> started{false}, left{false};
  tracker.submit<int>(QStringLiteral("long"), blockingJob(&started, nullptr, -1, &left),
                      [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  tracker.cancelAndWait();
  EXPECT_TRUE(left.load());  // no event loop ran: the wait itself saw the job leave
  ASSERT_TRUE(tracker.waitForIdle(10000));
  EXPECT_EQ(cancelled.count(), 1);
}

TEST(JobTracker, WaitForIdleGivesUpWhileAJobRuns) {
  JobTracker tracker;
  std::atomic<bool> started{false};
  tracker.submit<int>(QStringLiteral("spin"), blockingJob(&started), [](std::shared_ptr<const int>) {});
  EXPECT_FALSE(tracker.waitForIdle(50));  // the job never ends by itself
  EXPECT_TRUE(tracker.isBusy());
  tracker.cancel();
  EXPECT_TRUE(tracker.waitForIdle(10000));
}
