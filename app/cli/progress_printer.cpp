#include "app/cli/progress_printer.h"

#include "core/runtime/atomicfile.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>

namespace dscli {

ProgressPrinter::ProgressPrinter(std::string label, bool quiet, std::string valueName)
    : m_label(std::move(label)),
      m_valueName(std::move(valueName)),
      m_quiet(quiet),
      m_tty(::isatty(STDERR_FILENO) == 1),
      m_start(std::chrono::steady_clock::now()),
      m_lastDraw(m_start) {}

ProgressPrinter::~ProgressPrinter() {
  if (m_drawn && m_tty) std::fputc('\n', stderr);  // never leave the cursor mid-line
}

ds::ProgressFn ProgressPrinter::callback() {
  return [this](const ds::Progress& p) { update(p); };
}

void ProgressPrinter::update(const ds::Progress& p) {
  if (m_quiet || p.total <= 0) return;
  const double frac = std::min(1.0, std::max(0.0, double(p.step) / double(p.total)));
  const auto now = std::chrono::steady_clock::now();
  std::string extra;
  if (!m_valueName.empty() && std::isfinite(p.value)) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " %s %.4f  %.1f s", m_valueName.c_str(), p.value,
                  std::chrono::duration<double>(now - m_start).count());
    extra = buf;
  }
  if (m_tty) {
    // Redraw at most ~10 times a second, and always at the end.
    if (p.step < p.total && m_drawn && now - m_lastDraw < std::chrono::milliseconds(100)) return;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth + 0.5);
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %3d%% %lld/%lld%s ", m_label.c_str(), bar.c_str(), int(frac * 100 + 0.5), p.step,
                 p.total, extra.c_str());
    std::fflush(stderr);
    m_drawn = true;
    m_lastDraw = now;
  } else {
    const int decile = static_cast<int>(frac * 10);
    if (decile <= m_lastDecile || (decile == 0 && p.step != 0)) return;
    m_lastDecile = decile;
    std::fprintf(stderr, "%s: %lld/%lld (%d%%)%s\n", m_label.c_str(), p.step, p.total, decile * 10, extra.c_str());
  }
}

void ProgressPrinter::endLine() {
  if (m_drawn && m_tty) std::fputc('\n', stderr);
  m_drawn = false;
}

void ProgressPrinter::finish() {
  if (m_quiet) return;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  if (m_drawn && m_tty) std::fputc('\n', stderr);
  m_drawn = false;
  std::fprintf(stderr, "%s: done in %.2f s\n", m_label.c_str(), secs);
}

namespace {
std::optional<ds::CancelToken> g_token;  // set only while an InterruptGuard lives

std::atomic<int> g_interrupts{0};

extern "C" void onInterrupt(int signal) {
  if (g_interrupts.fetch_add(1) == 0) {
    if (g_token) g_token->cancel();  // a relaxed atomic store: async-signal-safe
    return;
  }
  // The second Ctrl-C: stop now, as the default action would, but leave no temporary file.
  ds::removeTemporaryFilesNow();
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}
}  // namespace

InterruptGuard::InterruptGuard(const ds::CancelToken& token) {
  g_token = token;
  g_interrupts = 0;
  struct sigaction sa {};
  sa.sa_handler = onInterrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &m_previous);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &m_previous, nullptr);  // e.g. main's handler that removes temporary files
  g_token.reset();
}

}  // namespace dscli
