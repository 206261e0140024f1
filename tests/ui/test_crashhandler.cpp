// The crash handler (issue 13): diffusion-studio, made to die on purpose (the hidden
// DS_STUDIO_CRASH_TEST, set only here), writes a readable report to its data folder, prints the
// path, and still dies of the signal; the next start tells the user where the report is, once.
// Also the ActionLog the report lists: lesson switches, QAction triggers, jobs, a bounded ring.

#include "ui/actionlog.h"
#include "ui/crashhandler.h"
#include "ui/jobtracker.h"
#include "ui/lesson.h"
#include "ui/mainwindow.h"
#include "ui/widgets/noticebar.h"

#include <torch/version.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#ifndef DS_STUDIO_EXE
#error "DS_STUDIO_EXE (the path of diffusion-studio) must be defined by the build"
#endif

extern char** environ;

namespace {

struct Death {
  bool signalled = false;
  int signal = 0;
  int exitCode = -1;
  QString err;
};

// Runs diffusion-studio --lesson train with DS_STUDIO_CRASH_TEST=how, its data and settings in
// `home` (XDG_DATA_HOME, XDG_CONFIG_HOME), and returns how it ended. fork + execve, so that the
// signal it died of is seen as it is.
Death runCrashing(const QString& how, const QString& home) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string kv(*e);
    for (const char* drop : {"QT_QPA_PLATFORM=", "XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "DS_STUDIO_CRASH_TEST="})
      if (kv.rfind(drop, 0) == 0) goto skip;
    env.push_back(kv);
  skip:;
  }
  env.push_back("QT_QPA_PLATFORM=offscreen");
  env.push_back("XDG_DATA_HOME=" + QDir(home).filePath(QStringLiteral("data")).toStdString());
  env.push_back("XDG_CONFIG_HOME=" + QDir(home).filePath(QStringLiteral("config")).toStdString());
  env.push_back("DS_STUDIO_CRASH_TEST=" + how.toStdString());
  std::vector<char*> envp;
  for (std::string& kv : env) envp.push_back(kv.data());
  envp.push_back(nullptr);
  std::string exe = DS_STUDIO_EXE, lessonFlag = "--lesson", lesson = "train";
  std::vector<char*> argv = {exe.data(), lessonFlag.data(), lesson.data(), nullptr};
  const std::string errPath = QDir(home).filePath(QStringLiteral("stderr.txt")).toStdString();
  const int errFd = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int nullFd = ::open("/dev/null", O_WRONLY);

  Death d;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(nullFd, 1);
    ::dup2(errFd, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(errFd);
  ::close(nullFd);
  if (pid < 0) return d;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      d.err = QStringLiteral("timed out");
      return d;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  d.signalled = WIFSIGNALED(status);
  d.signal = d.signalled ? WTERMSIG(status) : 0;
  d.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  QFile err(QString::fromStdString(errPath));
  if (err.open(QIODevice::ReadOnly)) d.err = QString::fromLocal8Bit(err.readAll());
  return d;
}

QString dataFolderOf(const QString& home) {
  // QStandardPaths' AppDataLocation: XDG_DATA_HOME/<organisation>/<application>.
  return QDir(home).filePath(QStringLiteral("data/DiffusionStudio/Diffusion Studio"));
}

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// A lesson with nothing in it but its job tracker (for the log of jobs).
class QuietLesson : public ds::ui::Lesson {
 public:
  QuietLesson(const QString& id, ds::ui::ComputeContext* context, QWidget* parent)
      : Lesson(context, parent), m_id(id) {}
  QString id() const override { return m_id; }
  QString title() const override { return QStringLiteral("Lesson ") + m_id.toUpper(); }
  ds::NoiseSchedule schedule() const override { return ds::NoiseSchedule(ds::ScheduleSpec{}); }
  int timestep() const override { return 0; }
  void setTimestep(int) override {}
  void setDirection(ds::ui::Direction) override {}
  void setPresentationMode(bool) override {}
  bool exportParticlesCsv(const QString&, QString*) const override { return false; }
  void runJob() {
    jobTracker()->submit<int>(
        QStringLiteral("Counting"), [](const ds::ProgressFn&, const ds::CancelToken&) { return 7; },
        [](std::shared_ptr<const int>) {});
  }

 private:
  QString m_id;
};

ds::ui::MainWindowOptions quietOptions(const QString& settings, const QString& data) {
  ds::ui::MainWindowOptions o;
  o.settingsFile = settings;
  o.dataFolder = data;
  o.device = QStringLiteral("cpu");
  o.lessonFactory = [](ds::ui::ComputeContext* context, QWidget* parent) {
    return std::vector<ds::ui::Lesson*>{new QuietLesson(QStringLiteral("a"), context, parent),
                                        new QuietLesson(QStringLiteral("b"), context, parent)};
  };
  return o;
}

}  // namespace

TEST(CrashHandler, ASegfaultWritesAReadableReportAndTheProgramStillDiesOfIt) {
  QTemporaryDir home;
  ASSERT_TRUE(home.isValid());
  const Death d = runCrashing(QStringLiteral("segv"), home.path());
  ASSERT_TRUE(d.signalled) << "exit code " << d.exitCode << "\n" << d.err.toStdString();
  EXPECT_EQ(d.signal, SIGSEGV) << d.err.toStdString();

  const QStringList reports = ds::ui::crash::reportsIn(dataFolderOf(home.path()));
  ASSERT_EQ(reports.size(), 1) << d.err.toStdString();
  const QString path = reports.front();
  EXPECT_TRUE(QRegularExpression(QStringLiteral("/crash-\\d{8}-\\d{6}\\.txt$")).match(path).hasMatch())
      << path.toStdString();
  EXPECT_TRUE(d.err.contains(QStringLiteral("a crash report was written to ") + path)) << d.err.toStdString();

  const QString report = readText(path);
  for (const QString& expected : {
           QStringLiteral("Diffusion Studio crash report"),
           QStringLiteral("Died of:   SIGSEGV (invalid memory access)"),
           QStringLiteral("Program:   Diffusion Studio 0."),
           QStringLiteral("Qt:        ") + QString::fromLatin1(qVersion()),
           QStringLiteral("LibTorch:  ") + QStringLiteral(TORCH_VERSION),
           QStringLiteral("Lesson:    Train (train)"),
           QStringLiteral("Device:    CPU"),
           QStringLiteral("Last actions (oldest first):"),
           QStringLiteral("lesson  Train"),
           QStringLiteral("action  Crash on purpose (test)"),
       })
    EXPECT_TRUE(report.contains(expected)) << "missing: " << expected.toStdString() << "\n" << report.toStdString();
  EXPECT_TRUE(QRegularExpression(QStringLiteral("At: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(local time\\)"))
                  .match(report)
                  .hasMatch())
      << report.toStdString();
  // The actions are in order: the lesson opened before the deadly action.
  EXPECT_LT(report.indexOf(QStringLiteral("lesson  Train")),
            report.indexOf(QStringLiteral("action  Crash on purpose")));

  // The next start says where the report is, once.
  QTemporaryDir dir;
  const QString settings = dir.filePath(QStringLiteral("settings.ini"));
  {
    ds::ui::MainWindow w(quietOptions(settings, dataFolderOf(home.path())));
    auto* notice = w.findChild<ds::ui::NoticeBar*>(QStringLiteral("crashNotice"));
    ASSERT_NE(notice, nullptr);
    EXPECT_TRUE(notice->text().contains(QDir::toNativeSeparators(path).toHtmlEscaped()))
        << notice->text().toStdString();
    EXPECT_TRUE(notice->text().contains(QStringLiteral("SIGSEGV"))) << notice->text().toStdString();
  }
  ds::ui::MainWindow again(quietOptions(settings, dataFolderOf(home.path())));
  EXPECT_EQ(again.findChild<ds::ui::NoticeBar*>(QStringLiteral("crashNotice")), nullptr);
}

TEST(CrashHandler, AnExceptionNobodyCaughtIsReportedWithItsMessageOnce) {
  QTemporaryDir home;
  ASSERT_TRUE(home.isValid());
  const Death d = runCrashing(QStringLiteral("terminate"), home.path());
  ASSERT_TRUE(d.signalled) << "exit code " << d.exitCode << "\n" << d.err.toStdString();
  EXPECT_EQ(d.signal, SIGABRT);
  const QStringList reports = ds::ui::crash::reportsIn(dataFolderOf(home.path()));
  ASSERT_EQ(reports.size(), 1) << "std::terminate, then abort(): one report, not two";
  const QString report = readText(reports.front());
  EXPECT_TRUE(
      report.contains(QStringLiteral("Died of:   std::terminate (an exception nobody caught): a deliberate "
                                     "failure for the crash handler's test")))
      << report.toStdString();
  EXPECT_TRUE(report.contains(QStringLiteral("action  Crash on purpose (test)"))) << report.toStdString();
}

TEST(CrashHandler, AbortIsReported) {
  QTemporaryDir home;
  ASSERT_TRUE(home.isValid());
  const Death d = runCrashing(QStringLiteral("abort"), home.path());
  ASSERT_TRUE(d.signalled) << d.err.toStdString();
  EXPECT_EQ(d.signal, SIGABRT);
  const QStringList reports = ds::ui::crash::reportsIn(dataFolderOf(home.path()));
  ASSERT_EQ(reports.size(), 1);
  EXPECT_EQ(ds::ui::crash::causeOf(reports.front()), QStringLiteral("SIGABRT (the program aborted)"));
}

TEST(ActionLog, KeepsTheLastTwentyEntriesOldestFirst) {
  ds::ui::ActionLog* log = ds::ui::ActionLog::instance();
  log->clear();
  for (int i = 1; i <= 30; ++i) log->record(QStringLiteral("test"), QStringLiteral("entry %1").arg(i));
  const auto entries = log->entries();
  ASSERT_EQ(entries.size(), size_t(ds::ui::ActionLog::kCapacity));
  EXPECT_EQ(entries.front().text, QStringLiteral("entry 11"));
  EXPECT_EQ(entries.back().text, QStringLiteral("entry 30"));
  // The same entry again is counted, not repeated.
  log->record(QStringLiteral("test"), QStringLiteral("entry 30"));
  EXPECT_EQ(log->entries().back().repeats, 2);
  EXPECT_EQ(log->entries().size(), size_t(ds::ui::ActionLog::kCapacity));
}

TEST(ActionLog, RecordsLessonSwitchesActionsAndJobs) {
  QTemporaryDir dir;
  ds::ui::MainWindowOptions o = quietOptions(dir.filePath(QStringLiteral("s.ini")), QString());
  ds::ui::MainWindow w(o);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  ds::ui::ActionLog* log = ds::ui::ActionLog::instance();
  log->clear();
  auto has = [log](const QString& kind, const QString& text) {
    for (const auto& e : log->entries())
      if (e.kind == kind && e.text == text) return true;
    return false;
  };

  w.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
  QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);  // the lesson switcher's shortcut
  EXPECT_TRUE(has(QStringLiteral("action"), QStringLiteral("Lesson B (on)")));
  EXPECT_TRUE(has(QStringLiteral("lesson"), QStringLiteral("Lesson B")));
  bool found = false;
  for (const auto& [key, value] : log->details())
    found |= key == QLatin1String("Lesson") && value == QLatin1String("Lesson B (b)");
  EXPECT_TRUE(found);

  QTest::keyClick(&w, Qt::Key_F11);  // presentation mode, from its action's shortcut
  EXPECT_TRUE(has(QStringLiteral("action"), QStringLiteral("Presentation Mode (on)")));

  auto* lesson = static_cast<QuietLesson*>(w.currentLesson());
  lesson->runJob();
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(10000));
  QTest::qWait(20);
  const auto entries = log->entries();
  EXPECT_TRUE(std::any_of(entries.begin(), entries.end(), [](const ds::ui::ActionLog::Entry& e) {
    return e.kind == QLatin1String("job") && e.text.startsWith(QLatin1String("Lesson B: Counting started on CPU"));
  }));
  EXPECT_TRUE(has(QStringLiteral("job"), QStringLiteral("Lesson B: Counting finished")));
  w.setPresentationMode(false);
}
