// The main window's plumbing: timeline ↔ lesson, lesson switching, presentation mode, the current
// lesson's job progress in the status bar, the Device menu, export, and window state through QSettings.

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/mainwindow.h"
#include "ui/timeline.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

using ds::NoiseSchedule;
using ds::ScheduleSpec;
using ds::ui::ComputeContext;
using ds::ui::Direction;
using ds::ui::JobTracker;
using ds::ui::Lesson;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;
using ds::ui::Timeline;

namespace {

// Waits for the real lessons' first jobs scale with DS_TEST_TIME_SCALE (the tsan test preset sets
// it: under ThreadSanitizer the Inpaint lesson's first fill takes minutes instead of seconds).
int scaledTimeout(int msecs) {
  const int scale = qEnvironmentVariableIntValue("DS_TEST_TIME_SCALE");
  return scale > 1 ? msecs * scale : msecs;
}

// A lesson that only records what the main window tells it.
class FakeLesson : public Lesson {
 public:
  FakeLesson(const QString& id, int steps, ComputeContext* context, QWidget* parent)
      : Lesson(context, parent), m_id(id), m_schedule(spec(steps)) {
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
  // A job as a real lesson submits one: the device read from the context, handed over by value.
  void submitDeviceProbe() {
    struct Probe {
      c10::Device device;
    };
    probed.reset();
    tracker()->submit<Probe>(
        QStringLiteral("Probe"),
        [device = computeContext()->device()](const ds::ProgressFn&, const ds::CancelToken&) { return Probe{device}; },
        [this](std::shared_ptr<const Probe> result) { probed = result->device; });
  }
  std::optional<c10::Device> probed;  // the device the last probe job received

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

// A machine as the compute context sees it; `cuda` says whether it has a GPU, `cudaWorks` whether
// choosing it succeeds (a GPU that is present but fails, e.g. out of memory, falls back too).
ComputeContext::Backend fakeMachine(bool cuda, bool cudaWorks = true) {
  ComputeContext::Backend b;
  b.cudaAvailable = [cuda] { return cuda; };
  b.choose = [cuda, cudaWorks](const std::string& preference) {
    if (preference == "cpu" || (preference == "auto" && !cuda)) return c10::Device(c10::kCPU);
    if (!cuda || !cudaWorks) throw std::runtime_error("the test GPU is unavailable");
    return c10::Device(c10::kCUDA, 0);
  };
  b.describe = [](const c10::Device& d) {
    return d.is_cuda() ? std::string("CUDA:0 Test GPU") : std::string("CPU (test)");
  };
  return b;
}

MainWindowOptions fakeOptions(const QString& settingsFile) {
  MainWindowOptions o;
  o.settingsFile = settingsFile;
  o.computeBackend = fakeMachine(false);
  o.lessonFactory = [](ComputeContext* context, QWidget* parent) {
    return std::vector<Lesson*>{new FakeLesson(QStringLiteral("a"), 1000, context, parent),
                                new FakeLesson(QStringLiteral("b"), 200, context, parent)};
  };
  return o;
}

QAction* deviceAction(MainWindow& w, const char* name) {
  auto* menu = w.findChild<QMenu*>(QStringLiteral("deviceMenu"));
  return menu ? menu->findChild<QAction*>(QLatin1String(name)) : nullptr;
}

// A job that counts to 100000, 1 ms a step, until cancelled.
JobTracker::Work<int> longJob(bool* ran = nullptr) {
  return [ran](const ds::ProgressFn& report, const ds::CancelToken& token) {
    if (ran) *ran = true;
    for (long long i = 1; i <= 100000; ++i) {
      if (token.isCancelled()) throw ds::Cancelled();
      report(ds::Progress{i, 100000, "test"});
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return 0;
  };
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
    w.resize(700, 520);  // inside the offscreen screen (800×600): a larger one is fitted to the screen
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
  EXPECT_EQ(w.size(), QSize(700, 520));
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

  auto* jobLabel = w.findChild<QLabel*>(QStringLiteral("jobLabel"));
  ASSERT_NE(jobLabel, nullptr);
  JobTracker* tracker = w.currentLesson()->jobTracker();
  QSignalSpy cancelled(tracker, &JobTracker::cancelled);
  bool done = false;
  tracker->submit<int>(QStringLiteral("Sampling"), longJob(), [&](std::shared_ptr<const int>) { done = true; });
  EXPECT_TRUE(progress->isVisible());
  EXPECT_TRUE(cancel->isVisible());
  EXPECT_EQ(jobLabel->text(), QStringLiteral("Sampling"));
  EXPECT_TRUE(QTest::qWaitFor([&] { return progress->value() > 0; }, 5000));
  QTest::mouseClick(cancel, Qt::LeftButton);
  ASSERT_TRUE(tracker->waitForIdle(5000));
  EXPECT_EQ(cancelled.count(), 1);
  EXPECT_FALSE(done);
  EXPECT_FALSE(progress->isVisible());
  EXPECT_FALSE(cancel->isVisible());
}

// The status bar follows the lesson on screen: another lesson's job neither shows there nor is
// cancelled from there, and it shows (and cancels) once that lesson is opened.
TEST_F(MainWindowTest, StatusBarFollowsTheCurrentLessonsJobs) {
  MainWindow w(fakeOptions(settings()));
  w.show();
  auto* progress = w.findChild<QProgressBar*>(QStringLiteral("jobProgress"));
  auto* cancel = w.findChild<QToolButton*>(QStringLiteral("cancelJobButton"));
  ASSERT_TRUE(progress && cancel);
  ASSERT_EQ(w.currentLesson(), fake(w, 0));
  JobTracker* other = fake(w, 1)->jobTracker();
  QSignalSpy cancelled(other, &JobTracker::cancelled);
  other->submit<int>(QStringLiteral("Training"), longJob(), [](std::shared_ptr<const int>) {});
  EXPECT_TRUE(w.hasRunningJobs());
  EXPECT_FALSE(progress->isVisible());  // lesson a is idle
  EXPECT_FALSE(cancel->isVisible());

  ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("b")));
  EXPECT_TRUE(progress->isVisible());
  EXPECT_TRUE(cancel->isVisible());
  QTest::mouseClick(cancel, Qt::LeftButton);
  ASSERT_TRUE(w.waitForJobs(5000));
  EXPECT_EQ(cancelled.count(), 1);
  EXPECT_FALSE(progress->isVisible());
}

TEST_F(MainWindowTest, ClosingMidJobIsClean) {
  std::atomic<bool> stopped{false};
  {
    MainWindow w(fakeOptions(settings()));
    w.show();
    w.currentLesson()->jobTracker()->submit<int>(
        QStringLiteral("Sampling"),
        [&stopped](const ds::ProgressFn&, const ds::CancelToken& token) -> int {
          while (!token.isCancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
          stopped = true;
          throw ds::Cancelled();
        },
        [](std::shared_ptr<const int>) {});
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
    if (qobject_cast<QAbstractButton*>(c) || qobject_cast<QAbstractSlider*>(c) || qobject_cast<QAbstractSpinBox*>(c)) {
      EXPECT_FALSE(c->toolTip().isEmpty()) << c->objectName().toStdString();
    }
  }
}

// The real lessons (ui/lessons/registry.cpp) in the real window.
// The window with the program's own lessons, shown and active at 1280×800.
struct RealLessons : ::testing::Test {
  void SetUp() override {
    MainWindowOptions o;
    o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    window = std::make_unique<MainWindow>(o);
    window->resize(1280, 800);
    window->show();
    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    ASSERT_FALSE(window->lessons().empty());
  }
  QTemporaryDir dir;
  std::unique_ptr<MainWindow> window;
};

TEST_F(RealLessons, ScrubbingAndKeysMoveEveryLesson) {
  MainWindow& w = *window;
  EXPECT_EQ(w.lessons().front()->id(), QStringLiteral("1d"));
  for (Lesson* lesson : w.lessons()) {
    ASSERT_TRUE(w.setCurrentLesson(lesson->id()));
    ASSERT_TRUE(w.waitForJobs(scaledTimeout(120000))) << lesson->id().toStdString();
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
  for (int i = 0; i < 3; ++i) {
    MainWindow w(o);
    w.show();
    QApplication::processEvents();
    // The first lesson's first sampling job takes seconds on a CPU: it is still running when the
    // window goes, so the destructor has a job to cancel and join (no crash, no hang).
    ASSERT_TRUE(w.hasRunningJobs());
  }
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

// The Device menu: Auto / CPU / CUDA, checked as chosen; CUDA is off, with the reason, on a
// machine without a GPU.
TEST_F(MainWindowTest, DeviceMenuOffersAutoCpuAndCuda) {
  MainWindow w(fakeOptions(settings()));
  auto* menu = w.findChild<QMenu*>(QStringLiteral("deviceMenu"));
  ASSERT_NE(menu, nullptr);
  EXPECT_TRUE(w.menuBar()->actions().contains(menu->menuAction()));
  QAction* autoDevice = deviceAction(w, "deviceAuto");
  QAction* cpu = deviceAction(w, "deviceCpu");
  QAction* cuda = deviceAction(w, "deviceCuda");
  ASSERT_TRUE(autoDevice && cpu && cuda);
  EXPECT_TRUE(autoDevice->isChecked());
  EXPECT_FALSE(cuda->isEnabled());
  EXPECT_TRUE(cuda->toolTip().contains(QStringLiteral("not available"))) << cuda->toolTip().toStdString();
  cpu->trigger();
  EXPECT_TRUE(cpu->isChecked());
  EXPECT_FALSE(autoDevice->isChecked());
  EXPECT_EQ(w.computeContext()->preference(), QStringLiteral("cpu"));
}

// Choosing a device in the menu reaches the next job of a lesson, and the status bar names it.
TEST_F(MainWindowTest, ChosenDeviceReachesTheNextJob) {
  MainWindowOptions o = fakeOptions(settings());
  o.computeBackend = fakeMachine(true);
  o.device = QStringLiteral("cpu");
  MainWindow w(o);
  auto* label = w.findChild<QLabel*>(QStringLiteral("deviceLabel"));
  ASSERT_NE(label, nullptr);
  EXPECT_TRUE(label->text().contains(QStringLiteral("CPU (test)"))) << label->text().toStdString();
  QAction* cuda = deviceAction(w, "deviceCuda");
  ASSERT_NE(cuda, nullptr);
  ASSERT_TRUE(cuda->isEnabled());

  cuda->trigger();
  EXPECT_TRUE(cuda->isChecked());
  QSignalSpy started(w.currentLesson()->jobTracker(), &JobTracker::started);
  fake(w, 0)->submitDeviceProbe();
  ASSERT_TRUE(w.waitForJobs(5000));
  ASSERT_TRUE(fake(w, 0)->probed.has_value());
  EXPECT_EQ(*fake(w, 0)->probed, c10::Device(c10::kCUDA, 0));
  ASSERT_EQ(started.count(), 1);
  EXPECT_EQ(started.at(0).at(2).toString(), QStringLiteral("CUDA:0 Test GPU"));
  EXPECT_TRUE(label->text().contains(QStringLiteral("CUDA:0 Test GPU"))) << label->text().toStdString();

  deviceAction(w, "deviceCpu")->trigger();
  fake(w, 1)->submitDeviceProbe();  // every lesson reads the same context
  ASSERT_TRUE(w.waitForJobs(5000));
  ASSERT_TRUE(fake(w, 1)->probed.has_value());
  EXPECT_EQ(*fake(w, 1)->probed, c10::Device(c10::kCPU));
}

// CUDA that cannot be used says so and falls back to the CPU; the next job runs there.
TEST_F(MainWindowTest, CudaThatFailsFallsBackToTheCpuWithAMessage) {
  MainWindowOptions o = fakeOptions(settings());
  o.computeBackend = fakeMachine(true, /*cudaWorks=*/false);
  MainWindow w(o);
  QAction* cuda = deviceAction(w, "deviceCuda");
  ASSERT_NE(cuda, nullptr);
  cuda->trigger();
  const QString message = w.statusBar()->currentMessage();
  EXPECT_TRUE(message.contains(QStringLiteral("the test GPU is unavailable"))) << message.toStdString();
  EXPECT_TRUE(message.contains(QStringLiteral("CPU"))) << message.toStdString();
  EXPECT_FALSE(cuda->isChecked());
  EXPECT_TRUE(deviceAction(w, "deviceCpu")->isChecked());
  fake(w, 0)->submitDeviceProbe();
  ASSERT_TRUE(w.waitForJobs(5000));
  ASSERT_TRUE(fake(w, 0)->probed.has_value());
  EXPECT_EQ(*fake(w, 0)->probed, c10::Device(c10::kCPU));
}

// --device cuda on a machine without one: the window starts on the CPU and says why.
TEST_F(MainWindowTest, StartingOnAMissingGpuFallsBackToTheCpu) {
  MainWindowOptions o = fakeOptions(settings());
  o.device = QStringLiteral("cuda");
  MainWindow w(o);
  EXPECT_EQ(w.computeContext()->device(), c10::Device(c10::kCPU));
  EXPECT_TRUE(deviceAction(w, "deviceCpu")->isChecked());
  EXPECT_TRUE(w.statusBar()->currentMessage().contains(QStringLiteral("CPU")));
}

namespace {

QWheelEvent wheelUp(QWidget* over) {
  const QPointF pos(over->width() / 2.0, over->height() / 2.0);
  return QWheelEvent(pos, over->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
}

}  // namespace

// Issue 12: a wheel notch over a spin or combo box that does not have the focus scrolls the column
// it sits in and leaves the value alone; a focused box steps as usual.
TEST_F(MainWindowTest, SpinAndComboBoxesTakeTheWheelOnlyWhenFocused) {
  MainWindow w(fakeOptions(settings()));  // installs the guard
  w.show();
  w.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
  QScrollArea area;
  auto* column = new QWidget;
  auto* layout = new QVBoxLayout(column);
  auto* spin = new QSpinBox;
  spin->setRange(0, 100);
  spin->setValue(3);
  auto* combo = new QComboBox;
  combo->addItems({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
  combo->setCurrentIndex(1);
  layout->addWidget(spin);
  layout->addWidget(combo);
  layout->addSpacing(2000);  // taller than the area: it can scroll
  area.setWidget(column);
  area.resize(200, 150);
  area.show();
  area.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&area));
  area.verticalScrollBar()->setValue(0);
  EXPECT_EQ(spin->focusPolicy(), Qt::StrongFocus);  // the wheel does not focus it either
  EXPECT_EQ(combo->focusPolicy(), Qt::StrongFocus);
  area.setFocus();

  // Scrolling down (a negative angle) over the boxes moves the column, not the values.
  for (QWidget* box : std::initializer_list<QWidget*>{spin, combo}) {
    const QPointF pos(box->width() / 2.0, box->height() / 2.0);
    QWheelEvent down(pos, box->mapToGlobal(pos), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
    const int before = area.verticalScrollBar()->value();
    QApplication::sendEvent(box, &down);
    EXPECT_GT(area.verticalScrollBar()->value(), before);
  }
  EXPECT_EQ(spin->value(), 3);
  EXPECT_EQ(combo->currentIndex(), 1);

  spin->setFocus();
  ASSERT_TRUE(spin->hasFocus());
  QWheelEvent up = wheelUp(spin);
  QApplication::sendEvent(spin, &up);
  EXPECT_EQ(spin->value(), 4);
}

// Issue 12: after switching lessons the timeline's keys work at once, even when the old page had
// the focus in a spin box (hiding it moved the focus into the new page's first spin box).
TEST_F(RealLessons, AfterSwitchingLessonsTheKeysDriveTheTimeline) {
  MainWindow& w = *window;
  ASSERT_GE(w.lessons().size(), 2u);
  for (std::size_t i = 0; i + 1 < w.lessons().size(); ++i) {
    Lesson* from = w.lessons()[i];
    Lesson* to = w.lessons()[i + 1];
    ASSERT_TRUE(w.setCurrentLesson(from->id()));
    QApplication::processEvents();
    // The user was editing a number in the old lesson.
    const auto spins = from->findChildren<QAbstractSpinBox*>();
    QAbstractSpinBox* spin = nullptr;
    for (QAbstractSpinBox* s : spins)
      if (s->isVisibleTo(from) && s->isEnabled()) spin = s;
    if (spin) {
      spin->setFocus();
      ASSERT_TRUE(spin->hasFocus()) << from->id().toStdString();
    }
    ASSERT_TRUE(w.setCurrentLesson(to->id()));
    ASSERT_TRUE(w.waitForJobs(scaledTimeout(120000))) << to->id().toStdString();
    QApplication::processEvents();
    QWidget* focus = QApplication::focusWidget();
    ASSERT_NE(focus, nullptr) << to->id().toStdString();
    EXPECT_EQ(qobject_cast<QAbstractSpinBox*>(focus), nullptr)
        << to->id().toStdString() << ": focus in " << focus->metaObject()->className();
    w.timeline()->setTimestep(10);
    QTest::keyClick(focus, Qt::Key_Right);
    EXPECT_EQ(to->timestep(), 11) << to->id().toStdString();
    QTest::keyClick(focus, Qt::Key_Space);  // (the mask canvas, say, would keep Space for panning)
    EXPECT_TRUE(w.timeline()->isPlaying())
        << to->id().toStdString() << ": focus in " << focus->metaObject()->className();
    w.timeline()->setPlaying(false);
  }
}
