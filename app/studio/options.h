#pragma once
// The command line of diffusion-studio, parsed before the QApplication exists (so that a bad
// flag gets a clear message even without a display).

#include <QString>
#include <QStringList>

#include <optional>

namespace ds::studio {

struct StudioOptions {
  QString lesson;                           // "1d", "2d", …; empty: the last lesson (QSettings), else the first
  std::optional<int> t;                     // open at this timestep
  QString screenshot;                       // render offscreen at 1280×800, save this PNG, exit
  bool presentation = false;                // start in presentation mode
  QString device = QStringLiteral("auto");  // auto | cpu | cuda[:N]
  QString settingsFile;                     // an INI file instead of the platform's settings store
  bool benchmarkScrub = false;              // sweep t = 0..T in every lesson, print frame times, exit
  QString lessonFile;                       // a .dslesson file (or a diffusion-studio:// link) to open
  QString language;                         // system | en | zh_CN; empty: the Language menu's choice
};

enum class ParseOutcome { Run, Help, Version, Error };

// args[0] is the program. Qt's own options (-platform, -style, …) are skipped here; the
// QApplication consumes them. On Error, *message says what is wrong.
ParseOutcome parseOptions(const QStringList& args, StudioOptions* options, QString* message);
QString helpText();

// True when the options need no window on screen (screenshot, benchmark).
inline bool isBatch(const StudioOptions& o) { return !o.screenshot.isEmpty() || o.benchmarkScrub; }

}  // namespace ds::studio
