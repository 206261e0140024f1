#pragma once
// Progress reporting and cooperative cancellation for long core jobs (sampling, training, ...).
// A job calls the ProgressFn from its own thread; the caller decides how to forward it
// (the GUI throttles and queues it to the GUI thread, the CLI prints to stderr).

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace ds {

struct Progress {
  long long step = 0;                                       // steps done so far
  long long total = 0;                                      // steps in the whole job
  std::string stage;                                        // what is being done, e.g. "ddpm", "train"
  double value = std::numeric_limits<double>::quiet_NaN();  // optional figure, e.g. the loss
};

using ProgressFn = std::function<void(const Progress&)>;

// Copies share one flag, so a token handed to a job can be cancelled from another thread.
class CancelToken {
 public:
  CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
  bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
  void reset() const { m_flag->store(false, std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> m_flag;
};

// Thrown by a job that stopped because its CancelToken was cancelled.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace ds
