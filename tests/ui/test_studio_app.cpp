// The diffusion-studio program: --screenshot writes a PNG of the window; bad arguments fail clearly;
// --device falls back to the CPU where CUDA is missing.

#include "core/runtime/device.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <vector>

#ifndef DS_STUDIO_EXE
#error "DS_STUDIO_EXE (the path of diffusion-studio) must be defined by the build"
#endif

namespace {

struct StudioRun {
  int exitCode = -1;
  QString out, err;
};

StudioRun runStudio(const QStringList& args, const QString& settingsFile, int timeoutMs = 240000) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(DS_STUDIO_EXE), QStringList{QStringLiteral("--settings"), settingsFile} + args);
  StudioRun r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.err = QStringLiteral("timed out");
    return r;
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
  r.err = QString::fromLocal8Bit(p.readAllStandardError());
  return r;
}

}  // namespace

TEST(StudioApp, ScreenshotWritesAPngOfTheWindow) {
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("shot.png"));
  const StudioRun r = runStudio({QStringLiteral("--lesson"), QStringLiteral("1d"), QStringLiteral("--t"),
                                 QStringLiteral("250"), QStringLiteral("--screenshot"), png},
                                dir.filePath(QStringLiteral("s.ini")));
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  const QImage image(png);
  ASSERT_FALSE(image.isNull()) << r.err.toStdString();
  EXPECT_EQ(image.size(), QSize(1280, 800));
  // Not blank: a real window has many distinct colours.
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  EXPECT_GT(colours.size(), 20);
  // A batch run leaves the settings alone.
  EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("s.ini"))));
}

// --device cuda where there is no CUDA: a warning, then the CPU (the program still works).
TEST(StudioApp, DeviceCudaWithoutAGpuFallsBackToTheCpu) {
  if (ds::cudaAvailable()) GTEST_SKIP() << "this machine has CUDA";
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("cpu.png"));
  const StudioRun r = runStudio({QStringLiteral("--device"), QStringLiteral("cuda"), QStringLiteral("--lesson"),
                                 QStringLiteral("1d"), QStringLiteral("--screenshot"), png},
                                dir.filePath(QStringLiteral("s.ini")));
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("--device cuda is not available"))) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("CPU"))) << r.err.toStdString();
  EXPECT_FALSE(QImage(png).isNull());
}

TEST(StudioApp, HelpListsTheOptions) {
  QTemporaryDir dir;
  const StudioRun r = runStudio({QStringLiteral("--help")}, dir.filePath(QStringLiteral("s.ini")), 30000);
  EXPECT_EQ(r.exitCode, 0);
  for (const char* option : {"--lesson", "--t", "--screenshot", "--presentation", "--device"})
    EXPECT_TRUE(r.out.contains(QLatin1String(option))) << option;
}

// --help names every lesson the program knows (the list an unknown --lesson is answered with).
TEST(StudioApp, HelpNamesEveryLesson) {
  QTemporaryDir dir;
  const QString settings = dir.filePath(QStringLiteral("s.ini"));
  const StudioRun unknown = runStudio({QStringLiteral("--lesson"), QStringLiteral("nosuch")}, settings, 30000);
  const QString marker = QStringLiteral("choose one of: ");
  const qsizetype at = unknown.err.indexOf(marker);
  ASSERT_GE(at, 0) << unknown.err.toStdString();
  const QStringList ids =
      unknown.err.mid(at + marker.size()).section(QLatin1Char('\n'), 0, 0).split(QStringLiteral(", "));
  ASSERT_GE(ids.size(), 7) << unknown.err.toStdString();
  const StudioRun help = runStudio({QStringLiteral("--help")}, settings, 30000);
  // The --lesson line, joined across QCommandLineParser's wrapping.
  const QString text = help.out.simplified();
  const qsizetype from = text.indexOf(QStringLiteral("Open this lesson:"));
  ASSERT_GE(from, 0) << help.out.toStdString();
  const QString line = text.mid(from, text.indexOf(QStringLiteral("(default"), from) - from);
  for (const QString& id : ids) {
    const QRegularExpression word(QStringLiteral("[ ,]%1[ ,]").arg(QRegularExpression::escape(id.trimmed())));
    EXPECT_TRUE(word.match(line + QLatin1Char(' ')).hasMatch())
        << id.toStdString() << " missing from: " << line.toStdString();
  }
}

TEST(StudioApp, BadArgumentsFailWithAMessage) {
  QTemporaryDir dir;
  const QString ini = dir.filePath(QStringLiteral("s.ini"));
  const QString png = dir.filePath(QStringLiteral("x.png"));
  struct Case {
    QStringList args;
    const char* says;
  };
  const Case cases[] = {
      {{QStringLiteral("--frobnicate")}, "frobnicate"},
      {{QStringLiteral("--t"), QStringLiteral("minus")}, "--t"},
      {{QStringLiteral("--t"), QStringLiteral("-3")}, "--t"},
      {{QStringLiteral("--device"), QStringLiteral("tpu")}, "device"},
      {{QStringLiteral("--device"), QStringLiteral("cuda:x")}, "cuda:N"},
      {{QStringLiteral("--device"), QString()}, "--device needs a value"},
      {{QStringLiteral("--device"), QStringLiteral(" ")}, "--device needs a value"},
      {{QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.jpg"))}, ".png"},
      {{QStringLiteral("--lesson"), QStringLiteral("9d"), QStringLiteral("--screenshot"), png}, "9d"},
      {{QStringLiteral("--t"), QStringLiteral("100000"), QStringLiteral("--screenshot"), png}, "out of range"},
  };
  for (const Case& c : cases) {
    const StudioRun r = runStudio(c.args, ini, 60000);
    EXPECT_NE(r.exitCode, 0) << c.args.join(' ').toStdString();
    EXPECT_NE(r.exitCode, -1) << "crashed or hung: " << c.args.join(' ').toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String(c.says))) << r.err.toStdString();
  }
  EXPECT_FALSE(QFile::exists(png));
}

TEST(StudioApp, ScreenshotToAnUnwritablePlaceFails) {
  QTemporaryDir dir;
  const StudioRun r = runStudio({QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("no/such/dir/x.png"))},
                                dir.filePath(QStringLiteral("s.ini")));
  EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("cannot write"))) << r.err.toStdString();
}

// The lesson files of issue 13's bad-input corpus (tests/data/bad/lessons/cases.tsv): each makes
// `diffusion-studio FILE --screenshot` exit 2 with a message that names the file and the problem,
// writes no screenshot, and leaves the file byte for byte as it was. So does a folder named like one.
TEST(StudioApp, BadLessonFilesFailClearlyAndChangeNothing) {
  const QDir corpus(QStringLiteral(DS_BAD_LESSONS));
  QFile list(corpus.filePath(QStringLiteral("cases.tsv")));
  ASSERT_TRUE(list.open(QIODevice::ReadOnly | QIODevice::Text));
  struct Case {
    QString path, says;
  };
  std::vector<Case> cases;
  for (const QString& line : QString::fromUtf8(list.readAll()).split(QLatin1Char('\n'))) {
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    const QStringList fields = line.split(QLatin1Char('\t'));
    ASSERT_EQ(fields.size(), 2) << line.toStdString();
    cases.push_back({corpus.filePath(fields[0]), fields[1]});
  }
  EXPECT_GE(cases.size(), 20u);
  // Every bad file in the folder has a case.
  EXPECT_EQ(corpus.entryList({QStringLiteral("*.dslesson")}, QDir::Files).size(), static_cast<int>(cases.size()));
  QTemporaryDir dir;
  const QString folder = dir.filePath(QStringLiteral("folder.dslesson"));
  ASSERT_TRUE(QDir().mkpath(folder));
  cases.push_back({folder, QStringLiteral("folder.dslesson")});

  const auto hashOf = [](const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                                       : QByteArray("not a file");
  };
  const QString png = dir.filePath(QStringLiteral("shot.png"));
  for (const Case& c : cases) {
    const QByteArray before = hashOf(c.path);
    const StudioRun r = runStudio({c.path, QStringLiteral("--screenshot"), png}, dir.filePath(QStringLiteral("s.ini")));
    const std::string name = QFileInfo(c.path).fileName().toStdString();
    EXPECT_EQ(r.exitCode, 2) << name << ": " << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(c.says)) << name << " should say \"" << c.says.toStdString()
                                        << "\": " << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QFileInfo(c.path).fileName())) << name << ": the message names the file";
    EXPECT_FALSE(QFile::exists(png)) << name << ": a screenshot was written";
    EXPECT_EQ(hashOf(c.path), before) << name << " changed";
  }
}
