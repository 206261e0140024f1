// The main window's plumbing: timeline ↔ lesson, lesson switching, presentation mode, the job
// progress in the status bar, export, and window state through QSettings.

#include "ui/jobrunner.h"
#include "ui/mainwindow.h"
#include "ui/timeline.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QToolButton>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using ds::NoiseSchedule;
using ds::ScheduleSpec;
using ds::ui::Direction;
using ds::ui::JobRunner;
using ds::ui::Lesson;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;
using ds::ui::Timeline;

namespace {

// A lesson that only records what the main window tells it.
class FakeLesson : public Lesson {
 public:
  FakeLesson(const QString& id, int steps, JobRunner* runner, QWidget* parent)
      : Lesson(runner, parent), m_id(id), m_schedule(spec(steps)) {
    auto* label = new QLabel(QStringLiteral("lesson %1").arg(id), this);
    label->resize(200, 50);
  }
  QString id() const override { return m_id; }
  QString title() const override { return QStringLiteral("Fake %1").arg(m_id); }
  NoiseSchedule schedule() const override { return m_schedule; }
  int timestep() const override { return m_t; }
  void setTimestep(int t) override {
    m_t = t;
    ++setTimestepCalls;
  }
  void setDirection(Direction d) override { direction = d; }
  void setPresentationMode(bool on) override { presentation = on; }
  bool exportParticlesCsv(const QString& path, QString* error) const override {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
      *error = f.errorString();
      return false;
    }
    QTextStream(&f) << "x\n" << m_t << "\n";
    return true;
  }

  void changeSteps(int steps) {
    m_schedule = NoiseSchedule(spec(steps));
    m_t = std::min(m_t, steps);
    Q_EMIT scheduleChanged();
  }
  void request(int t) { Q_EMIT timestepRequested(t); }
  void background(const QString& text) { Q_EMIT backgroundStatus(text); }

  int setTimestepCalls = 0;
  Direction direction = Direction::Forward;
  bool presentation = false;

 private:
  static ScheduleSpec spec(int steps) {
    ScheduleSpec s;
    s.steps = steps;
    return s;
  }
  QString m_id;
  NoiseSchedule m_schedule;
  int m_t = 0;
};

MainWindowOptions fakeOptions(const QString& settingsFile) {
  MainWindowOptions o;
  o.settingsFile = settingsFile;
  o.deviceDescription = QStringLiteral("CPU (test)");
  o.lessonFactory = [](JobRunner* runner, QWidget* parent) {
    return std::vector<Lesson*>{new FakeLesson(QStringLiteral("a"), 1000, runner, parent),
                                new FakeLesson(QStringLiteral("b"), 200, runner, parent)};
  };
  return o;
}

FakeLesson* fake(MainWindow& w, int i) { return static_cast<FakeLesson*>(w.lessons().at(i)); }

struct Fixture : ::testing::Test {
  QTemporaryDir dir;
  QString settings() const { return dir.filePath(QStringLiteral("settings.ini")); }
};

}  // namespace

using MainWindowTest = Fixture;

TEST_F(MainWindowTest, TimelineDrivesTheCurrentLesson) {
  MainWindow w(fakeOptions(settings()));
  w.show();
  w.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
  ASSERT_EQ(w.lessons().size(), 2u);
  EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("a"));  // no settings yet: the first lesson

  w.timeline()->setTimestep(321);  // scrubbing
  EXPECT_EQ(fake(w, 0)->timestep(), 321);
  QTest::keyClick(&w, Qt::Key_Right);  // stepping by key, focus anywhere in the window
  EXPECT_EQ(fake(w, 0)->timestep(), 322);
  QTest::keyClick(&w, Qt::Key_PageDown);
  EXPECT_EQ(fake(w, 0)->timestep(), 312);
  QTest::keyClick(&w, Qt::Key_End);
  EXPECT_EQ(fake(w, 0)->timestep(), 1000);
  EXPECT_EQ(fake(w, 1)->timestep(), 0);  // the other lesson is untouched
}

TEST_F(MainWindowTest, SwitchingLessonsKeepsEachLessonsTimestepAndSchedule) {
  MainWindow w(fakeOptions(settings()));
  w.timeline()->setTimestep(700);
  ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("b")));
  EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("b"));
  EXPECT_EQ(w.timeline()->steps(), 200);
  EXPECT_EQ(w.timeline()->timestep(), 0);
  w.timeline()->setTimestep(150);
  EXPECT_EQ(fake(w, 1)->timestep(), 150);
  EXPECT_EQ(fake(w, 0)->timestep(), 700);

  auto* switcher = w.findChild<QListWidget*>(QStringLiteral("lessonSwitcher"));
  ASSERT_NE(switcher, nullptr);
  switcher->setCurrentRow(0);
  EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("a"));
  EXPECT_EQ(w.timeline()->steps(), 1000);
  EXPECT_EQ(w.timeline()->timestep(), 700);
  EXPECT_TRUE(w.windowTitle().contains(QStringLiteral("Fake a")));
  EXPECT_FALSE(w.setCurrentLesson(QStringLiteral("nope")));
}

TEST_F(MainWindowTest, DirectionScheduleAndRequestsAreForwarded) {
  MainWindow w(fakeOptions(settings()));
  w.timeline()->setDirection(Direction::Reverse);
  EXPECT_EQ(fake(w, 0)->direction, Direction::Reverse);
  EXPECT_EQ(fake(w, 1)->direction, Direction::Reverse);

  w.timeline()->setTimestep(900);
  fake(w, 0)->changeSteps(100);  // e.g. the student set T = 100
  EXPECT_EQ(w.timeline()->steps(), 100);
  EXPECT_EQ(w.timeline()->timestep(), 100);

  fake(w, 0)->request(42);  // e.g. a fresh chain
  EXPECT_EQ(w.timeline()->timestep(), 42);
  EXPECT_EQ(fake(w, 0)->timestep(), 42);
  fake(w, 1)->request(7);  // not the current lesson: the timeline stays
  EXPECT_EQ(w.timeline()->timestep(), 42);
  EXPECT_EQ(fake(w, 1)->timestep(), 7);
}

TEST_F(MainWindowTest, PresentationModeEnlargesFontsAndTellsLessons) {
  const QFont before = QApplication::font();
  {
    MainWindow w(fakeOptions(settings()));
    QAction* action = nullptr;
    for (QAction* a : w.findChildren<QAction*>())
      if (a->shortcuts().contains(QKeySequence(Qt::Key_F11))) action = a;
    ASSERT_NE(action, nullptr);
    EXPECT_TRUE(action->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Shift+P"))));
    action->trigger();
    EXPECT_TRUE(w.isPresentationMode());
    EXPECT_TRUE(fake(w, 0)->presentation);
    EXPECT_TRUE(fake(w, 1)->presentation);
    EXPECT_GT(QFontInfo(QApplication::font()).pixelSize(), QFontInfo(before).pixelSize() * 1.4);
    action->trigger();
    EXPECT_FALSE(w.isPresentationMode());
    EXPECT_FALSE(fake(w, 0)->presentation);
    EXPECT_EQ(QApplication::font(), before);
    w.setPresentationMode(true);
  }
  EXPECT_EQ(QApplication::font(), before);  // the window puts the font back when it goes
}

TEST_F(MainWindowTest, WindowStateRoundTripsThroughSettings) {
  {
    MainWindow w(fakeOptions(settings()));
    w.show();
    w.resize(900, 640);
    ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("b")));
    w.setPresentationMode(true);
    w.timeline()->setSpeed(250);
    w.timeline()->setLoop(true);
    QApplication::processEvents();
    w.close();  // saves
  }
  ASSERT_TRUE(QFile::exists(settings()));
  MainWindow w(fakeOptions(settings()));
  EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("b"));
  EXPECT_TRUE(w.isPresentationMode());
  EXPECT_TRUE(fake(w, 1)->presentation);
  EXPECT_EQ(w.size(), QSize(900, 640));
  EXPECT_EQ(w.timeline()->speed(), 250);
  EXPECT_TRUE(w.timeline()->loops());
  w.setPresentationMode(false);
}

TEST_F(MainWindowTest, BatchWindowsDoNotTouchSettings) {
  MainWindowOptions o = fakeOptions(settings());
  o.persistSettings = false;
  {
    MainWindow w(o);
    w.setCurrentLesson(QStringLiteral("b"));
    w.close();
  }
  EXPECT_FALSE(QFile::exists(settings()));
}

TEST_F(MainWindowTest, StatusBarShowsJobProgressAndCancels) {
  MainWindow w(fakeOptions(settings()));
  w.show();
  auto* progress = w.findChild<QProgressBar*>(QStringLiteral("jobProgress"));
  auto* cancel = w.findChild<QToolButton*>(QStringLiteral("cancelJobButton"));
  auto* device = w.findChild<QLabel*>(QStringLiteral("deviceLabel"));
  ASSERT_TRUE(progress && cancel && device);
  EXPECT_TRUE(device->text().contains(QStringLiteral("CPU (test)")));
  EXPECT_FALSE(progress->isVisible());
  EXPECT_FALSE(cancel->isVisible());

  QSignalSpy cancelled(w.runner(), &JobRunner::cancelled);
  bool done = false;
  w.runner()->submit(
      QStringLiteral("Sampling"),
      [](const ds::ProgressFn& report, const ds::CancelToken& token) -> std::any {
        for (long long i = 1; i <= 100000; ++i) {
          if (token.isCancelled()) throw ds::Cancelled();
          report(ds::Progress{i, 100000, "test"});
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return {};
      },
      [&](std::any&) { done = true; });
  EXPECT_TRUE(progress->isVisible());
  EXPECT_TRUE(cancel->isVisible());
  EXPECT_TRUE(QTest::qWaitFor([&] { return progress->value() > 0; }, 5000));
  QTest::mouseClick(cancel, Qt::LeftButton);
  ASSERT_TRUE(w.runner()->waitForIdle(5000));
  EXPECT_EQ(cancelled.count(), 1);
  EXPECT_FALSE(done);
  EXPECT_FALSE(progress->isVisible());
  EXPECT_FALSE(cancel->isVisible());
}

TEST_F(MainWindowTest, ClosingMidJobIsClean) {
  std::atomic<bool> stopped{false};
  {
    MainWindow w(fakeOptions(settings()));
    w.show();
    w.runner()->submit(
        QStringLiteral("Sampling"),
        [&stopped](const ds::ProgressFn&, const ds::CancelToken& token) -> std::any {
          while (!token.isCancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
          stopped = true;
          throw ds::Cancelled();
        },
        [](std::any&) {});
    QTest::qWait(20);
    w.close();
  }
  EXPECT_TRUE(stopped.load());
}

TEST_F(MainWindowTest, ExportsViewAsPngAndParticlesAsCsv) {
  MainWindow w(fakeOptions(settings()));
  w.resize(1000, 700);
  w.show();
  QApplication::processEvents();
  w.timeline()->setTimestep(123);

  const QString png = dir.filePath(QStringLiteral("view.png"));
  QString error;
  ASSERT_TRUE(w.exportViewPng(png, &error)) << error.toStdString();
  const QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), w.currentLesson()->size() * w.currentLesson()->devicePixelRatioF());

  const QString csv = dir.filePath(QStringLiteral("particles.csv"));
  ASSERT_TRUE(w.exportParticlesCsv(csv, &error)) << error.toStdString();
  QFile f(csv);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), QByteArray("x\n123\n"));

  // A folder that does not exist: a clear error, and nothing else changes.
  const QString bad = dir.filePath(QStringLiteral("missing/folder/view.png"));
  EXPECT_FALSE(w.exportViewPng(bad, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("missing"))) << error.toStdString();
  EXPECT_FALSE(QFile::exists(bad));
}

TEST_F(MainWindowTest, EveryActionAndControlHasATooltipOrText) {
  MainWindow w(fakeOptions(settings()));
  w.show();
  QApplication::processEvents();
  for (QAbstractButton* b : w.findChildren<QAbstractButton*>()) {
    if (!b->isVisibleTo(&w)) continue;
    EXPECT_FALSE(b->toolTip().isEmpty() && b->text().isEmpty()) << b->objectName().toStdString();
  }
  for (QWidget* c : w.timeline()->findChildren<QWidget*>()) {
    if (qobject_cast<QAbstractButton*>(c) || qobject_cast<QAbstractSlider*>(c) ||
        qobject_cast<QAbstractSpinBox*>(c)) {
      EXPECT_FALSE(c->toolTip().isEmpty()) << c->objectName().toStdString();
    }
  }
}

// The real lessons (ui/lessons/registry.cpp) in the real window.
TEST(MainWindowRealLessons, ScrubbingAndKeysMoveEveryLesson) {
  QTemporaryDir dir;
  MainWindowOptions o;
  o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
  o.deviceDescription = QStringLiteral("CPU");
  MainWindow w(o);
  w.resize(1280, 800);
  w.show();
  w.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
  ASSERT_FALSE(w.lessons().empty());
  EXPECT_EQ(w.lessons().front()->id(), QStringLiteral("1d"));
  for (Lesson* lesson : w.lessons()) {
    ASSERT_TRUE(w.setCurrentLesson(lesson->id()));
    ASSERT_TRUE(w.runner()->waitForIdle(120000)) << lesson->id().toStdString();
    QApplication::processEvents();
    const int T = w.timeline()->steps();
    EXPECT_EQ(T, lesson->schedule().steps());
    w.timeline()->setTimestep(T / 2);
    EXPECT_EQ(lesson->timestep(), T / 2) << lesson->id().toStdString();
    w.setFocus();
    QTest::keyClick(&w, Qt::Key_Right);
    EXPECT_EQ(lesson->timestep(), T / 2 + 1) << lesson->id().toStdString();
    QTest::keyClick(&w, Qt::Key_Home);
    EXPECT_EQ(lesson->timestep(), 0) << lesson->id().toStdString();
    const QImage shot = lesson->grab().toImage();
    EXPECT_FALSE(shot.isNull());
  }
}

TEST(MainWindowRealLessons, DestroyedWhileTheFirstJobRuns) {
  QTemporaryDir dir;
  MainWindowOptions o;
  o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
  o.deviceDescription = QStringLiteral("CPU");
  for (int i = 0; i < 3; ++i) {
    MainWindow w(o);
    w.show();
    QApplication::processEvents();
  }  // no crash, no hang
  SUCCEED();
}

// A lesson's own long job (training) shows in the status bar whichever lesson is on screen.
TEST_F(MainWindowTest, BackgroundStatusOfAnyLessonShowsInTheStatusBar) {
  MainWindow w(fakeOptions(settings()));
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  auto* label = w.findChild<QLabel*>(QStringLiteral("backgroundLabel"));
  ASSERT_NE(label, nullptr);
  EXPECT_FALSE(label->isVisible());
  auto* other = dynamic_cast<FakeLesson*>(w.lessons().at(1));
  ASSERT_NE(other, nullptr);
  ASSERT_NE(w.currentLesson(), other);
  other->background(QStringLiteral("Training: step 10 of 100"));
  EXPECT_TRUE(label->isVisible());
  EXPECT_EQ(label->text(), QStringLiteral("Training: step 10 of 100"));
  other->background(QString());
  EXPECT_FALSE(label->isVisible());
}
