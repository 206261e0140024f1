// The Train lesson's run control (ui/lessons/train/trainstate.h): every transition, and every
// request that the current state refuses.

#include "ui/lessons/train/trainstate.h"

#include <gtest/gtest.h>

namespace {

using ds::ui::RunEnd;
using ds::ui::TrainOutcome;
using ds::ui::TrainState;
using ds::ui::TrainStateMachine;

TEST(TrainStateMachine, StartsIdleAndOnlyStartIsAllowed) {
  TrainStateMachine m;
  EXPECT_EQ(m.state(), TrainState::Idle);
  EXPECT_EQ(m.outcome(), TrainOutcome::None);
  EXPECT_FALSE(m.requestPause());
  EXPECT_FALSE(m.requestStop());
  EXPECT_FALSE(m.runEnded(RunEnd::Completed));
  EXPECT_FALSE(m.canResume());
  EXPECT_EQ(m.state(), TrainState::Idle);
  EXPECT_TRUE(m.start());
  EXPECT_EQ(m.state(), TrainState::Running);
  EXPECT_TRUE(m.isBusy());
  EXPECT_FALSE(m.start());  // one run at a time
}

TEST(TrainStateMachine, CompletedRunCanBeResumed) {
  TrainStateMachine m;
  m.start();
  EXPECT_TRUE(m.runEnded(RunEnd::Completed));
  EXPECT_EQ(m.state(), TrainState::Idle);
  EXPECT_EQ(m.outcome(), TrainOutcome::Completed);
  EXPECT_TRUE(m.canResume());
  EXPECT_FALSE(m.canStop());
}

TEST(TrainStateMachine, PauseThenResumeThenStop) {
  TrainStateMachine m;
  m.start();
  EXPECT_TRUE(m.requestPause());
  EXPECT_EQ(m.state(), TrainState::Pausing);
  EXPECT_FALSE(m.requestPause());  // already pausing
  EXPECT_FALSE(m.canPause());
  EXPECT_TRUE(m.canStop());
  EXPECT_TRUE(m.runEnded(RunEnd::Cancelled));
  EXPECT_EQ(m.state(), TrainState::Paused);
  EXPECT_TRUE(m.canResume());
  EXPECT_TRUE(m.start());  // Resume
  EXPECT_EQ(m.state(), TrainState::Running);
  EXPECT_TRUE(m.requestStop());
  EXPECT_EQ(m.state(), TrainState::Stopping);
  EXPECT_FALSE(m.requestPause());
  EXPECT_FALSE(m.requestStop());
  EXPECT_TRUE(m.runEnded(RunEnd::Cancelled));
  EXPECT_EQ(m.state(), TrainState::Idle);
  EXPECT_EQ(m.outcome(), TrainOutcome::Stopped);
  EXPECT_FALSE(m.canResume());
}

TEST(TrainStateMachine, StopWhilePausedEndsAtOnce) {
  TrainStateMachine m;
  m.start();
  m.requestPause();
  m.runEnded(RunEnd::Cancelled);
  EXPECT_TRUE(m.requestStop());
  EXPECT_EQ(m.state(), TrainState::Idle);
  EXPECT_EQ(m.outcome(), TrainOutcome::Stopped);
}

TEST(TrainStateMachine, StopDuringPauseWins) {
  TrainStateMachine m;
  m.start();
  m.requestPause();
  EXPECT_TRUE(m.requestStop());
  EXPECT_EQ(m.state(), TrainState::Stopping);
  m.runEnded(RunEnd::Cancelled);
  EXPECT_EQ(m.outcome(), TrainOutcome::Stopped);
}

TEST(TrainStateMachine, RunsThatEndOnTheirOwn) {
  TrainStateMachine m;
  m.start();
  m.requestPause();
  m.runEnded(RunEnd::Completed);  // finished before the pause took effect
  EXPECT_EQ(m.outcome(), TrainOutcome::Completed);
  m.start();
  m.requestStop();
  m.runEnded(RunEnd::Completed);
  EXPECT_EQ(m.outcome(), TrainOutcome::Stopped);  // the asked-for Stop still makes it final
  m.start();
  m.runEnded(RunEnd::Diverged);
  EXPECT_EQ(m.state(), TrainState::Idle);
  EXPECT_EQ(m.outcome(), TrainOutcome::Diverged);
  EXPECT_FALSE(m.canResume());
  m.start();
  m.runEnded(RunEnd::Failed);
  EXPECT_EQ(m.outcome(), TrainOutcome::Failed);
  m.start();
  m.runEnded(RunEnd::Cancelled);  // superseded before it ran: nothing lost, Resume continues
  EXPECT_EQ(m.state(), TrainState::Paused);
}

TEST(TrainStateMachine, LoadingACheckpoint) {
  TrainStateMachine m;
  EXPECT_TRUE(m.loaded());
  EXPECT_EQ(m.outcome(), TrainOutcome::Loaded);
  EXPECT_TRUE(m.canResume());
  m.start();
  EXPECT_FALSE(m.loaded());  // not while a run is in flight
  EXPECT_EQ(m.state(), TrainState::Running);
}

}  // namespace
