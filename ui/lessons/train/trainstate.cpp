#include "ui/lessons/train/trainstate.h"

namespace ds::ui {

bool TrainStateMachine::start() {
  if (!canStartFresh()) return false;
  m_state = TrainState::Running;
  m_outcome = TrainOutcome::None;
  return true;
}

bool TrainStateMachine::requestPause() {
  if (m_state != TrainState::Running) return false;
  m_state = TrainState::Pausing;
  return true;
}

bool TrainStateMachine::requestStop() {
  switch (m_state) {
    case TrainState::Running:
    case TrainState::Pausing:
      m_state = TrainState::Stopping;
      return true;
    case TrainState::Paused:
      m_state = TrainState::Idle;
      m_outcome = TrainOutcome::Stopped;
      return true;
    case TrainState::Idle:
    case TrainState::Stopping:
      return false;
  }
  return false;
}

bool TrainStateMachine::runEnded(RunEnd end) {
  if (!isBusy()) return false;
  const bool stopping = m_state == TrainState::Stopping;
  switch (end) {
    case RunEnd::Completed:
      // All steps were done before the pause/stop took effect: the run is complete either way,
      // but an asked-for Stop still makes the model final.
      m_state = TrainState::Idle;
      m_outcome = stopping ? TrainOutcome::Stopped : TrainOutcome::Completed;
      return true;
    case RunEnd::Diverged:
      m_state = TrainState::Idle;
      m_outcome = TrainOutcome::Diverged;
      return true;
    case RunEnd::Failed:
      m_state = TrainState::Idle;
      m_outcome = TrainOutcome::Failed;
      return true;
    case RunEnd::None:
    case RunEnd::Cancelled:
      if (stopping) {
        m_state = TrainState::Idle;
        m_outcome = TrainOutcome::Stopped;
      } else {
        // Paused by the user, or the job was superseded before it could run: nothing was lost.
        m_state = TrainState::Paused;
      }
      return true;
  }
  return false;
}

bool TrainStateMachine::loaded() {
  if (isBusy()) return false;
  m_state = TrainState::Idle;
  m_outcome = TrainOutcome::Loaded;
  return true;
}

bool TrainStateMachine::canResume() const {
  return m_state == TrainState::Paused ||
         (m_state == TrainState::Idle && (m_outcome == TrainOutcome::Completed || m_outcome == TrainOutcome::Loaded));
}

}  // namespace ds::ui
