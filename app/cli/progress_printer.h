#pragma once
// Progress of a long job on standard error: a redrawn bar when stderr is a terminal, a plain
// line every 10 % otherwise (so logs stay readable), nothing with --quiet. The one progress
// printer of every subcommand (sample, chain, train). Also turns Ctrl-C into a cooperative cancel
// of the running job.

#include "core/runtime/progress.h"

#include <signal.h>

#include <chrono>
#include <string>

namespace dscli {

class ProgressPrinter {
 public:
  // label: what is running, e.g. "sample (ddpm, cuda)". valueName: when not empty, each line also
  // shows Progress::value under this name (e.g. "loss") and the seconds so far.
  ProgressPrinter(std::string label, bool quiet, std::string valueName = {});
  ~ProgressPrinter();

  ds::ProgressFn callback();
  void update(const ds::Progress& p);
  // Ends the bar line (terminal) and prints "label: done in 1.23 s".
  void finish();
  // Only ends the bar line, for callers that print their own summary.
  void endLine();

 private:
  std::string m_label;
  std::string m_valueName;
  bool m_quiet = false;
  bool m_tty = false;
  bool m_drawn = false;
  int m_lastDecile = -1;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_lastDraw;
};

// While alive, SIGINT cancels the token; a second Ctrl-C removes the open writers' temporary
// files and kills the process as usual. The previous SIGINT handler is restored afterwards.
class InterruptGuard {
 public:
  explicit InterruptGuard(const ds::CancelToken& token);
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction m_previous {};
};

}  // namespace dscli
