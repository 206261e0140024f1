#pragma once
// The Train lesson's run control as one explicit state machine (no flags, no polling):
//
//   Idle ──start──▶ Running ──pause──▶ Pausing ──run ended──▶ Paused ──start──▶ Running
//                     │  ╲                │                     │
//                     │   ╲─stop─▶ Stopping ◀──stop─────────────┘ (Paused: stop ends at once)
//                     │              │
//                     └─run ended──▶ Idle (outcome: Completed, Stopped, Diverged, Failed)
//
// A run "ends" when its training job reports back (finished, cancelled or failed). The outcome
// says why the lesson is Idle, which decides the status line and whether Resume is offered.
// Qt-free, so its transitions are tested on their own (tests/ui/test_trainstatemachine.cpp).

namespace ds::ui {

enum class TrainState { Idle, Running, Pausing, Paused, Stopping };

// Why the lesson is Idle (None before the first run).
enum class TrainOutcome { None, Completed, Stopped, Diverged, Failed, Loaded };

// How a training job ended, as the job reports it.
enum class RunEnd { None, Completed, Cancelled, Diverged, Failed };

class TrainStateMachine {
 public:
  TrainState state() const { return m_state; }
  TrainOutcome outcome() const { return m_outcome; }
  bool isBusy() const {
    return m_state == TrainState::Running || m_state == TrainState::Pausing || m_state == TrainState::Stopping;
  }

  // Each transition returns false and changes nothing when the current state does not allow it.
  bool start();         // Idle | Paused → Running (a fresh run, or Resume)
  bool requestPause();  // Running → Pausing (the job is asked to stop; weights are kept)
  bool requestStop();   // Running | Pausing → Stopping; Paused → Idle (Stopped)
  // The running job reported back: Running/Pausing/Stopping → Paused or Idle with an outcome.
  // A Completed or Diverged run ends so whatever was asked; a cancelled one is Paused unless a
  // Stop was asked; Failed ends Idle (Failed). Ignored when no run is in flight.
  bool runEnded(RunEnd end);
  bool loaded();  // Idle | Paused → Idle (Loaded): a checkpoint replaced the model

  // Resume is offered after a pause, a completed run or a loaded checkpoint (with data to train on).
  bool canResume() const;
  bool canPause() const { return m_state == TrainState::Running; }
  bool canStop() const {
    return m_state == TrainState::Running || m_state == TrainState::Pausing || m_state == TrainState::Paused;
  }
  bool canStartFresh() const { return m_state == TrainState::Idle || m_state == TrainState::Paused; }

 private:
  TrainState m_state = TrainState::Idle;
  TrainOutcome m_outcome = TrainOutcome::None;
};

}  // namespace ds::ui
