#pragma once
// The batch modes of diffusion-studio: a screenshot for slides and checks, and the scrub benchmark.

#include <QString>

namespace ds::ui {
class MainWindow;
}

namespace ds::studio {

// Shows the window at 1280×800, waits for the lesson's jobs, grabs it and writes a PNG.
// Returns the process exit code (0 on success); failures are printed to stderr.
int takeScreenshot(ds::ui::MainWindow& window, const QString& path, int timestep);

// Sweeps t = 0..T in every lesson, repainting each frame, and prints per-lesson frame times.
int benchmarkScrub(ds::ui::MainWindow& window);

// Waits until the lesson's jobs are done (they may chain into new ones); false on timeout.
bool settle(ds::ui::MainWindow& window, int timeoutMs);

}  // namespace ds::studio
