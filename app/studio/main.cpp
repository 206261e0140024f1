// diffusion-studio: the desktop application.
// Exit codes: 0 ok, 1 failure (no display, a screenshot that could not be written, …),
// 2 bad or unknown command-line argument.

#include "app/studio/batch.h"
#include "app/studio/options.h"

#include "ui/computecontext.h"
#include "ui/crashhandler.h"
#include "ui/icons.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/studioapplication.h"
#include "ui/timeline.h"

#include <ATen/Parallel.h>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <thread>

namespace {

constexpr const char* kVersion = "0.1.0";

QStringList argumentList(int argc, char** argv) {
  QStringList args;
  for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
  return args;
}

bool hasQtPlatformArgument(const QStringList& args) {
  for (const QString& a : args)
    if (a == QLatin1String("-platform") || a.startsWith(QLatin1String("-platform="))) return true;
  return false;
}

int fail(int code, const QString& message) {
  std::fprintf(stderr, "diffusion-studio: error: %s\n", qPrintable(message));
  if (code == 2) std::fprintf(stderr, "Run with --help for more information.\n");
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication::setApplicationName(QStringLiteral("Diffusion Studio"));
  QApplication::setOrganizationName(QStringLiteral("DiffusionStudio"));
  QApplication::setApplicationVersion(QString::fromLatin1(kVersion));

  // Parse before the QApplication exists: a bad flag gets a clear message even without a display.
  const QStringList args = argumentList(argc, argv);
  ds::studio::StudioOptions options;
  QString message;
  switch (ds::studio::parseOptions(args, &options, &message)) {
    case ds::studio::ParseOutcome::Help:
      std::printf("%s", qPrintable(ds::studio::helpText()));
      return 0;
    case ds::studio::ParseOutcome::Version:
      std::printf("diffusion-studio %s\n", kVersion);
      return 0;
    case ds::studio::ParseOutcome::Error:
      return fail(2, message);
    case ds::studio::ParseOutcome::Run:
      break;
  }

  // Batch modes need no screen: render offscreen unless a platform was chosen explicitly.
  const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
  const bool platformChosen = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || hasQtPlatformArgument(args);
  if (!platformChosen && !hasDisplay) {
    if (!ds::studio::isBatch(options))
      return fail(1, QStringLiteral("no display found (DISPLAY is not set). Run it under a desktop session or "
                                    "xvfb-run, or use --screenshot FILE.png to render without one."));
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }

  // LibTorch starts with one intra-op thread on this kind of machine. The GUI thread only converts
  // small tensors to pictures; the jobs' compute (sampling, training) runs on worker threads and
  // gets every core (on 2 cores, sgemm runs ~2x faster with two threads than with one).
  at::set_num_threads(int(std::max(1u, std::thread::hardware_concurrency())));

  ds::ui::StudioApplication app(argc, argv);
  // The language, before any widget is built (each reads its texts when it is built): --language,
  // else the Language menu's choice in the settings; a batch run reads no settings.
  QString language = options.language;
  if (language.isEmpty() && !ds::studio::isBatch(options)) {
    const auto settings =
        options.settingsFile.isEmpty()
            ? std::make_unique<QSettings>(QStringLiteral("DiffusionStudio"), QStringLiteral("Diffusion Studio"))
            : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
    language = ds::ui::storedLanguage(*settings);
  }
  QString languageWarning;
  ds::ui::installTranslators(language.isEmpty() ? QStringLiteral("system") : language, &languageWarning);
  if (!languageWarning.isEmpty()) std::fprintf(stderr, "diffusion-studio: warning: %s\n", qPrintable(languageWarning));
  QApplication::setWindowIcon(ds::ui::appIcon());
  // The installed .desktop file's name (packaging/): Wayland shells find the icon through it.
  QApplication::setDesktopFileName(QStringLiteral("io.github.diffusionstudio.DiffusionStudio"));
  // Autosaves and crash reports live in the user's data folder (~/.local/share/DiffusionStudio/
  // Diffusion Studio on Linux). A fatal signal or std::terminate writes a report there.
  const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  if (!dataFolder.isEmpty()) ds::ui::crash::install(dataFolder);

  ds::ui::MainWindowOptions windowOptions;
  windowOptions.settingsFile = options.settingsFile;
  windowOptions.persistSettings = !ds::studio::isBatch(options);
  windowOptions.device = options.device;  // checked by parseOptions; CUDA where there is none falls back
  // A batch run neither autosaves nor shows what an earlier session left behind.
  if (!ds::studio::isBatch(options)) windowOptions.dataFolder = dataFolder;
  ds::ui::MainWindow window(windowOptions);
  const ds::ui::ComputeContext& compute = *window.computeContext();
  if (compute.preference() != options.device)
    std::fprintf(stderr, "diffusion-studio: warning: --device %s is not available here; using %s\n",
                 qPrintable(options.device), qPrintable(compute.deviceName()));

  if (!options.lesson.isEmpty() && !window.setCurrentLesson(options.lesson)) {
    QStringList ids;
    for (const ds::ui::Lesson* lesson : window.lessons()) ids << lesson->id();
    return fail(
        2,
        QStringLiteral("unknown lesson '%1'; choose one of: %2").arg(options.lesson, ids.join(QStringLiteral(", "))));
  }
  if (!options.lessonFile.isEmpty()) {
    // A bad file: a batch run fails with the message; the window opens and says it.
    QString error;
    const bool link = options.lessonFile.startsWith(QStringLiteral("diffusion-studio://"));
    const bool opened =
        link ? window.openLessonLink(options.lessonFile, &error) : window.openLessonFile(options.lessonFile, &error);
    if (!opened) {
      if (ds::studio::isBatch(options)) return fail(2, error);
      QTimer::singleShot(0, &window, [&window, error] {
        QMessageBox::warning(&window, QCoreApplication::translate("main", "Open Lesson"), error);
      });
    }
  }
  if (options.t) {
    const int T = window.timeline()->steps();
    if (*options.t > T)
      return fail(2, QStringLiteral("--t %1 is out of range: this lesson has t = 0..%2").arg(*options.t).arg(T));
    window.timeline()->setTimestep(*options.t);
  }
  if (options.presentation) window.setPresentationMode(true);

  if (options.benchmarkScrub) return ds::studio::benchmarkScrub(window);
  if (!options.screenshot.isEmpty())
    return ds::studio::takeScreenshot(window, options.screenshot, options.t.value_or(-1));

  window.show();
  // Only the crash handler's test sets this (tests/ui/test_crashhandler.cpp): once the window is
  // up, an action of the window dies on purpose ("segv", "abort" or "terminate").
  const QString crashTest = qEnvironmentVariable("DS_STUDIO_CRASH_TEST");
  if (!crashTest.isEmpty()) {
    auto* crash = new QAction(QStringLiteral("Crash on purpose (test)"), &window);
    window.addAction(crash);
    QObject::connect(crash, &QAction::triggered, [crashTest] { ds::ui::crash::crashForTest(crashTest); });
    QTimer::singleShot(300, crash, &QAction::trigger);
  }
  return app.exec();
}
