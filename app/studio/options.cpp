#include "app/studio/options.h"

#include "ui/computecontext.h"
#include "ui/language.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace ds::studio {

namespace {

// Qt's standard QApplication options: they are left to QApplication, not reported as unknown.
const char* const kQtValueOptions[] = {"-platform",        "-platformpluginpath", "-platformtheme", "-plugin",
                                       "-qwindowgeometry", "-qwindowicon",        "-qwindowtitle",  "-display",
                                       "-style",           "-stylesheet",         "-session",       "-qmljsdebugger"};
const char* const kQtFlagOptions[] = {"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"};

QStringList withoutQtOptions(const QStringList& args) {
  QStringList out;
  for (int i = 0; i < args.size(); ++i) {
    const QString& a = args[i];
    bool skip = false;
    for (const char* o : kQtValueOptions) {
      if (a == QLatin1String(o)) {
        ++i;  // and its value
        skip = true;
      } else if (a.startsWith(QLatin1String(o) + QLatin1Char('='))) {
        skip = true;
      }
    }
    for (const char* o : kQtFlagOptions) skip = skip || a == QLatin1String(o);
    if (!skip) out << a;
  }
  return out;
}

struct Parser {
  QCommandLineParser p;
  QCommandLineOption lesson{QStringLiteral("lesson"),
                            QStringLiteral("Open this lesson: 1d, 2d, train, images, inpaint, inpaint2d or likelihood "
                                           "(default: the last one used, else 1d)."),
                            QStringLiteral("id")};
  QCommandLineOption t{QStringLiteral("t"),
                       QStringLiteral("Open at timestep N, 0 ≤ N ≤ T (0 is the data, T is pure noise)."),
                       QStringLiteral("N")};
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      QStringLiteral(
          "Render the window offscreen at 1280×800 once the lesson has computed, save it as this PNG and exit."),
      QStringLiteral("FILE.png")};
  QCommandLineOption presentation{QStringLiteral("presentation"),
                                  QStringLiteral("Start in presentation mode (large fonts, thick lines).")};
  QCommandLineOption device{
      QStringLiteral("device"),
      QStringLiteral("Compute device of every job: auto (CUDA if available, else CPU), cpu, cuda or cuda:N. CUDA where "
                     "there is none falls back to the CPU with a warning; the Device menu changes it later."),
      QStringLiteral("auto|cpu|cuda[:N]"), QStringLiteral("auto")};
  QCommandLineOption settings{QStringLiteral("settings"),
                              QStringLiteral("Keep settings in this INI file instead of the default location."),
                              QStringLiteral("FILE")};
  QCommandLineOption benchmark{
      QStringLiteral("benchmark-scrub"),
      QStringLiteral("Sweep t over 0..T in every lesson, print the frame times (ms) and exit.")};
  QCommandLineOption language{
      QStringLiteral("language"),
      QStringLiteral("Language of the window for this run: system, en (English) or zh_CN (Simplified Chinese). "
                     "Default: the choice of the Language menu (a screenshot or benchmark run: system)."),
      QStringLiteral("system|en|zh_CN")};

  Parser() {
    p.setApplicationDescription(
        QStringLiteral("Diffusion Studio: see, step through and poke at denoising diffusion models."));
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({lesson, t, screenshot, presentation, device, settings, benchmark, language});
    p.addPositionalArgument(QStringLiteral("FILE.dslesson"),
                            QStringLiteral("A lesson file (or a diffusion-studio://lesson link) to open; --t overrides "
                                           "its t."),
                            QStringLiteral("[FILE.dslesson]"));
  }
};

}  // namespace

QString helpText() {
  Parser parser;
  QString text = parser.p.helpText();
  // Parsed before the QApplication exists, so name the program ourselves; and spell the
  // one-letter option the way users type it (both -t and --t are accepted).
  const int eol = text.indexOf(QLatin1Char('\n'));
  text.replace(0, eol, QStringLiteral("Usage: diffusion-studio [options] [FILE.dslesson]"));
  text.replace(QStringLiteral("\n  -t <N>   "), QStringLiteral("\n  --t <N>  "));
  return text + QStringLiteral(
                    "\nKeys: Space play/pause, ←/→ step t, PgUp/PgDn ±10, Home/End t = 0/T, "
                    "F11 presentation mode, F1 all shortcuts.\n");
}

ParseOutcome parseOptions(const QStringList& args, StudioOptions* o, QString* message) {
  Parser parser;
  QCommandLineParser& p = parser.p;
  if (!p.parse(withoutQtOptions(args))) {
    *message = p.errorText();
    return ParseOutcome::Error;
  }
  if (p.isSet(QStringLiteral("help")) || p.isSet(QStringLiteral("help-all"))) return ParseOutcome::Help;
  if (p.isSet(QStringLiteral("version"))) return ParseOutcome::Version;
  const QStringList positional = p.positionalArguments();
  if (positional.size() > 1) {
    *message = QStringLiteral("unexpected argument '%1' (only one lesson file can be opened)").arg(positional.at(1));
    return ParseOutcome::Error;
  }
  if (!positional.isEmpty()) {
    o->lessonFile = positional.first();
    const bool link = o->lessonFile.startsWith(QStringLiteral("diffusion-studio://"));
    if (!link && QFileInfo(o->lessonFile).suffix().compare(QStringLiteral("dslesson"), Qt::CaseInsensitive) != 0) {
      *message = QStringLiteral("unexpected argument '%1' (a lesson file ends in .dslesson)").arg(o->lessonFile);
      return ParseOutcome::Error;
    }
    if (p.isSet(parser.lesson)) {
      *message = QStringLiteral("--lesson cannot be combined with a lesson file (the file names its lesson)");
      return ParseOutcome::Error;
    }
  }
  if (p.isSet(parser.lesson)) {
    o->lesson = p.value(parser.lesson).trimmed().toLower();
    if (o->lesson.isEmpty()) {
      *message = QStringLiteral("--lesson needs a lesson id: 1d, 2d, train, images, inpaint, inpaint2d or likelihood");
      return ParseOutcome::Error;
    }
  }
  if (p.isSet(parser.t)) {
    bool ok = false;
    const int t = p.value(parser.t).toInt(&ok);
    if (!ok || t < 0) {
      *message = QStringLiteral("--t needs a whole number ≥ 0, not '%1'").arg(p.value(parser.t));
      return ParseOutcome::Error;
    }
    o->t = t;
  }
  if (p.isSet(parser.screenshot)) {
    o->screenshot = p.value(parser.screenshot);
    if (QFileInfo(o->screenshot).suffix().compare(QStringLiteral("png"), Qt::CaseInsensitive) != 0) {
      *message = QStringLiteral("--screenshot needs a file name ending in .png, not '%1'").arg(o->screenshot);
      return ParseOutcome::Error;
    }
  }
  o->presentation = p.isSet(parser.presentation);
  o->device = p.value(parser.device).trimmed().toLower();
  if (p.isSet(parser.device) && o->device.isEmpty()) {
    // An empty value given on purpose (--device '') is a mistake, not "auto" (issue 13).
    *message = QStringLiteral("--device needs a value: auto, cpu, cuda or cuda:N");
    return ParseOutcome::Error;
  }
  if (!ds::ui::ComputeContext::isValidPreference(o->device)) {
    *message = QStringLiteral("--device must be auto, cpu, cuda or cuda:N, not '%1'").arg(p.value(parser.device));
    return ParseOutcome::Error;
  }
  if (p.isSet(parser.language)) {
    // zh_cn, zh-CN and ZH_CN are the same language; en and system are lower case.
    QString code = p.value(parser.language).trimmed().replace(QLatin1Char('-'), QLatin1Char('_'));
    code = code.compare(QStringLiteral("zh_CN"), Qt::CaseInsensitive) == 0 ? QStringLiteral("zh_CN") : code.toLower();
    if (!ds::ui::isValidLanguage(code)) {
      *message = QStringLiteral("--language must be system, en or zh_CN, not '%1'").arg(p.value(parser.language));
      return ParseOutcome::Error;
    }
    o->language = code;
  }
  o->settingsFile = p.value(parser.settings);
  o->benchmarkScrub = p.isSet(parser.benchmark);
  if (o->benchmarkScrub && !o->screenshot.isEmpty()) {
    *message = QStringLiteral("--benchmark-scrub and --screenshot cannot be combined");
    return ParseOutcome::Error;
  }
  return ParseOutcome::Run;
}

}  // namespace ds::studio
