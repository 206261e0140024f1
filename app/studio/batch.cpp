#include "app/studio/batch.h"

#include "ui/mainwindow.h"
#include "ui/timeline.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QImageWriter>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <vector>

namespace ds::studio {

namespace {

constexpr int kSettleTimeoutMs = 180000;  // the first CPU sampling job of a lesson takes seconds

void drainEvents() {
  // Queued replots and layout requests need a few passes of the event loop.
  for (int i = 0; i < 5; ++i) QApplication::processEvents(QEventLoop::AllEvents, 50);
}

}  // namespace

bool settle(ds::ui::MainWindow& window, int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  // Idle twice in a row: a finished job may have queued a follow-up.
  int quiet = 0;
  while (quiet < 2) {
    if (!window.waitForJobs(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())))) return false;
    drainEvents();
    quiet = window.hasRunningJobs() ? 0 : quiet + 1;
  }
  return true;
}

int takeScreenshot(ds::ui::MainWindow& window, const QString& path, int timestep) {
  window.resize(1280, 800);
  window.show();
  drainEvents();
  if (!settle(window, kSettleTimeoutMs)) {
    std::fprintf(stderr, "diffusion-studio: the lesson's computation did not finish in %d s; no screenshot taken\n",
                 kSettleTimeoutMs / 1000);
    return 1;
  }
  if (timestep >= 0) window.timeline()->setTimestep(timestep);
  drainEvents();
  const QImage image = window.grab().toImage();
  if (image.isNull()) {
    std::fprintf(stderr, "diffusion-studio: the window could not be rendered\n");
    return 1;
  }
  // QSaveFile: an existing file is replaced only by a completely written picture.
  QSaveFile file(path);
  QString why;
  if (!file.open(QIODevice::WriteOnly)) {
    why = file.errorString();
  } else {
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
      why = writer.errorString();
      file.cancelWriting();
    } else if (!file.commit()) {
      why = file.errorString();
    }
  }
  if (!why.isEmpty()) {
    std::fprintf(stderr, "diffusion-studio: cannot write %s: %s\n", qPrintable(path), qPrintable(why));
    return 1;
  }
  std::fprintf(stderr, "diffusion-studio: wrote %s (%d×%d)\n", qPrintable(path), image.width(), image.height());
  return 0;
}

namespace {

// CPU time of this thread: on a busy machine the wall-clock frame time includes waiting for a
// core; the CPU time is what the frame itself costs.
double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// One frame = move t (what a drag or a play tick does), let queued replots run, and repaint the
// whole window. update = setTimestep + queued replots; paint = the repaint; idle = a repaint with
// t unchanged (what the window costs by itself). With `shellOnly` the lesson is not told about t,
// which measures the timeline and the window chrome alone.
void sweep(ds::ui::MainWindow& window, const QString& label, bool shellOnly) {
  ds::ui::Timeline* timeline = window.timeline();
  const int T = timeline->steps();
  timeline->setTimestep(0);
  drainEvents();
  std::vector<double> ms;
  ms.reserve(T + 1);
  double updateMs = 0.0, paintMs = 0.0, idleMs = 0.0;
  const double cpuStart = threadCpuMs();
  QElapsedTimer clock;
  for (int t = 0; t <= T; ++t) {
    clock.start();
    if (shellOnly) {
      const QSignalBlocker block(timeline);
      timeline->setTimestep(t);
    } else {
      timeline->setTimestep(t);
    }
    QApplication::processEvents();
    const qint64 updated = clock.nsecsElapsed();
    window.repaint();
    const qint64 painted = clock.nsecsElapsed();
    ms.push_back(painted / 1e6);
    updateMs += updated / 1e6;
    paintMs += (painted - updated) / 1e6;
  }
  const double cpuMs = (threadCpuMs() - cpuStart) / (T + 1);
  for (int i = 0; i < 50; ++i) {
    clock.start();
    window.repaint();
    idleMs += clock.nsecsElapsed() / 1e6 / 50;
  }
  if (shellOnly) timeline->setTimestep(0);
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  const auto pct = [&](double q) {
    return sorted[std::min(sorted.size() - 1, static_cast<size_t>(q * sorted.size()))];
  };
  const long over = std::count_if(ms.begin(), ms.end(), [](double v) { return v > 16.0; });
  std::printf("%-24s %6zu %8.2f %8.2f %8.2f %8.2f %7ld %10.2f %9.2f %8.2f %8.2f\n", qPrintable(label), ms.size(), mean,
              pct(0.5), pct(0.99), sorted.back(), over, updateMs / ms.size(), paintMs / ms.size(), idleMs, cpuMs);
  std::fflush(stdout);
}

}  // namespace

int benchmarkScrub(ds::ui::MainWindow& window) {
  window.resize(1280, 800);
  window.show();
  drainEvents();
  std::printf("%-24s %6s %8s %8s %8s %8s %7s %10s %9s %8s %8s\n", "lesson", "frames", "mean_ms", "p50_ms", "p99_ms",
              "max_ms", ">16ms", "update_ms", "paint_ms", "idle_ms", "cpu_ms");
  bool first = true;
  for (ds::ui::Lesson* lesson : window.lessons()) {
    window.setCurrentLesson(lesson->id());
    if (!settle(window, kSettleTimeoutMs)) {
      std::fprintf(stderr, "diffusion-studio: lesson %s did not finish computing\n", qPrintable(lesson->id()));
      return 1;
    }
    if (first) sweep(window, QStringLiteral("(timeline + window only)"), true);
    first = false;
    sweep(window, lesson->id() + QStringLiteral(" (") + lesson->title() + QStringLiteral(")"), false);
  }
  return 0;
}

}  // namespace ds::studio
