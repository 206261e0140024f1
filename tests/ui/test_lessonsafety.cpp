// The GUI's safety net (issue 13): lowering Steps T below the shown t keeps the lessons usable
// (t follows T down; touching x_t or k afterwards works), and an exception thrown in a GUI callback
// is caught at the event boundary and shown as a message instead of ending the program.

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture1d/lesson1d.h"
#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/lessons/mixture1d/posteriorpanel.h"
#include "ui/lessons/mixture2d/lesson2d.h"
#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/lessons/mixture2d/planeview.h"
#include "ui/lessons/mixture2d/posteriorview2d.h"
#include "ui/mainwindow.h"
#include "ui/studioapplication.h"
#include "ui/timeline.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <memory>
#include <stdexcept>

namespace {

constexpr int kJobTimeoutMs = 180000;

template <class T>
T* child(const QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QLatin1String(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

void settle(ds::ui::Lesson* lesson) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
    QApplication::processEvents();
  }
}

// Types a value into a spin box and commits it with Enter, as a user does.
void typeInto(QAbstractSpinBox* box, const QString& text) {
  box->setFocus();
  box->selectAll();
  QTest::keyClicks(box, text);
  QTest::keyClick(box, Qt::Key_Return);
}

QString statusOf(const ds::ui::Lesson* lesson) {
  const QLabel* status = child<QLabel>(lesson, "status");
  return status ? status->text() : QString();
}

}  // namespace

// The defect: t = 800 shown, then T = 100: the lesson failed, and the next touch of x_t or k
// ended the program in std::terminate.
TEST(LessonSafety, Lesson1DLoweringStepsBelowTKeepsItUsable) {
  ds::ui::ComputeContext context;
  context.setPreference(QStringLiteral("cpu"));
  ds::ui::Lesson1D lesson(&context);
  lesson.resize(1100, 650);
  lesson.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&lesson));
  settle(&lesson);
  ASSERT_TRUE(lesson.hasResult());
  auto* panel = child<ds::ui::PosteriorPanel>(&lesson, "posterior");
  auto* xt = child<QDoubleSpinBox>(panel, "posteriorXt");
  auto* jump = child<QSlider>(panel, "posteriorJump");
  auto* steps = child<QSpinBox>(&lesson, "steps");
  ASSERT_TRUE(panel && xt && jump && steps);

  lesson.setTimestep(800);
  jump->setValue(jump->maximum());  // k = t = 800
  settle(&lesson);
  ASSERT_EQ(lesson.document()->jump(), 800);

  typeInto(steps, QStringLiteral("100"));
  settle(&lesson);
  EXPECT_EQ(lesson.schedule().steps(), 100);
  EXPECT_EQ(lesson.timestep(), 100);  // t followed T down
  EXPECT_FALSE(statusOf(&lesson).contains(QStringLiteral("Could not"))) << statusOf(&lesson).toStdString();

  // Touch x_t and k: the posterior is recomputed for the new T.
  xt->setValue(0.5);
  jump->setValue(1);
  settle(&lesson);
  EXPECT_GE(panel->posteriorModes(), 1);
  EXPECT_NEAR(panel->shownXt(), 0.5, 1e-9);
  EXPECT_FALSE(statusOf(&lesson).contains(QStringLiteral("Could not"))) << statusOf(&lesson).toStdString();
  lesson.setTimestep(50);
  EXPECT_EQ(lesson.timestep(), 50);
  EXPECT_GE(panel->posteriorModes(), 1);
}

TEST(LessonSafety, Lesson2DLoweringStepsBelowTKeepsItUsable) {
  ds::ui::ComputeContext context;
  context.setPreference(QStringLiteral("cpu"));
  ds::ui::Lesson2D lesson(&context);
  lesson.resize(1100, 650);
  lesson.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&lesson));
  settle(&lesson);
  ASSERT_TRUE(lesson.hasResult());
  auto* plane = child<ds::ui::PlaneView>(&lesson, "plane");
  auto* post = child<ds::ui::PosteriorView2D>(&lesson, "posterior");
  auto* jump = child<QSpinBox>(post, "posteriorJump");
  auto* steps = child<QSpinBox>(&lesson, "steps");
  ASSERT_TRUE(plane && post && jump && steps);

  lesson.setTimestep(800);
  jump->setValue(jump->maximum());
  settle(&lesson);

  typeInto(steps, QStringLiteral("100"));
  settle(&lesson);
  EXPECT_EQ(lesson.schedule().steps(), 100);
  EXPECT_EQ(lesson.timestep(), 100);
  EXPECT_FALSE(statusOf(&lesson).contains(QStringLiteral("Could not"))) << statusOf(&lesson).toStdString();

  // Touch x_t (a click on the plane) and k.
  QCustomPlot* plot = child<QCustomPlot>(plane, "planePlot");
  ASSERT_NE(plot, nullptr);
  plot->replot();
  QTest::mouseClick(
      plot, Qt::LeftButton, {},
      QPoint(static_cast<int>(plot->xAxis->coordToPixel(0.5)), static_cast<int>(plot->yAxis->coordToPixel(0.5))));
  jump->setValue(1);
  settle(&lesson);
  EXPECT_FALSE(statusOf(&lesson).contains(QStringLiteral("Could not"))) << statusOf(&lesson).toStdString();
  lesson.setTimestep(50);
  EXPECT_EQ(lesson.timestep(), 50);
}

// The same in the main window: the timeline at t = 800 follows T down to 100, and the lessons keep
// working when x_t and k are touched afterwards.
TEST(LessonSafety, MainWindowTimelineFollowsTDownAndTheLessonsStayUsable) {
  QTemporaryDir dir;
  ds::ui::MainWindowOptions options;
  options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
  options.persistSettings = false;
  options.device = QStringLiteral("cpu");
  options.lessonFactory = [](ds::ui::ComputeContext* context, QWidget* parent) {
    return std::vector<ds::ui::Lesson*>{new ds::ui::Lesson1D(context, parent), new ds::ui::Lesson2D(context, parent)};
  };
  auto* app = qobject_cast<ds::ui::StudioApplication*>(QCoreApplication::instance());
  ASSERT_NE(app, nullptr);
  QSignalSpy uncaught(app, &ds::ui::StudioApplication::uncaughtException);
  ds::ui::MainWindow window(options);
  window.resize(1280, 800);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  for (int row = 0; row < 2; ++row) {
    auto* lesson = window.currentLesson();
    ASSERT_NE(lesson, nullptr);
    settle(lesson);
    window.timeline()->setTimestep(800);
    EXPECT_EQ(lesson->timestep(), 800);
    typeInto(child<QSpinBox>(lesson, "steps"), QStringLiteral("100"));
    settle(lesson);
    EXPECT_EQ(window.timeline()->steps(), 100);
    EXPECT_EQ(window.timeline()->timestep(), 100);
    EXPECT_EQ(lesson->timestep(), 100);
    QTest::keyClick(&window, Qt::Key_PageDown);  // t − 10 from the keyboard
    auto* jump = lesson->findChild<QWidget*>(QStringLiteral("posteriorJump"));
    ASSERT_NE(jump, nullptr);
    if (auto* slider = qobject_cast<QSlider*>(jump)) slider->setValue(2);
    if (auto* spin = qobject_cast<QSpinBox*>(jump)) spin->setValue(2);
    if (auto* xt = lesson->findChild<QDoubleSpinBox*>(QStringLiteral("posteriorXt"))) xt->setValue(-0.5);
    settle(lesson);
    EXPECT_FALSE(statusOf(lesson).contains(QStringLiteral("Could not"))) << statusOf(lesson).toStdString();
    if (row == 0) window.findChild<QListWidget*>()->setCurrentRow(1);
  }
  EXPECT_EQ(uncaught.count(), 0) << "an exception reached the event loop";
}

// The timeline keeps t within the new T, and says so through timestepChanged.
TEST(LessonSafety, TimelineClampsTWhenTShrinks) {
  ds::ui::Timeline timeline;
  timeline.setSchedule(ds::NoiseSchedule(ds::ScheduleSpec{ds::ScheduleKind::Linear, 1000, {}, {}}));
  timeline.setTimestep(800);
  QSignalSpy moved(&timeline, &ds::ui::Timeline::timestepChanged);
  timeline.setSchedule(ds::NoiseSchedule(ds::ScheduleSpec{ds::ScheduleKind::Linear, 100, {}, {}}));
  EXPECT_EQ(timeline.timestep(), 100);
  ASSERT_EQ(moved.count(), 1);
  EXPECT_EQ(moved.front().front().toInt(), 100);
  EXPECT_TRUE(timeline.readoutText().contains(QStringLiteral("100 / 100")));
}

// The net itself: a callback that throws (here a button's slot) is reported, not fatal, and the
// widgets keep working.
TEST(LessonSafety, AnExceptionInAGuiCallbackIsShownNotFatal) {
  auto* app = qobject_cast<ds::ui::StudioApplication*>(QCoreApplication::instance());
  ASSERT_NE(app, nullptr) << "the GUI tests run under the studio's QApplication";
  QSignalSpy reported(app, &ds::ui::StudioApplication::uncaughtException);
  QPushButton button(QStringLiteral("Throw"));
  int clicks = 0;
  QObject::connect(&button, &QPushButton::clicked, [&clicks] {
    ++clicks;
    throw std::out_of_range("no table row for t = 800");
  });
  button.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&button));
  QTest::mouseClick(&button, Qt::LeftButton);
  ASSERT_EQ(reported.count(), 1);
  EXPECT_TRUE(reported.front().front().toString().contains(QStringLiteral("no table row for t = 800")));
  QTest::mouseClick(&button, Qt::LeftButton);  // still alive, still clickable
  EXPECT_EQ(clicks, 2);
  EXPECT_EQ(reported.count(), 2);

  // The main window shows it in its status bar.
  QTemporaryDir dir;
  ds::ui::MainWindowOptions options;
  options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
  options.persistSettings = false;
  options.lessonFactory = [](ds::ui::ComputeContext*, QWidget*) { return std::vector<ds::ui::Lesson*>{}; };
  ds::ui::MainWindow window(options);
  QTest::mouseClick(&button, Qt::LeftButton);
  EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("no table row for t = 800")))
      << window.statusBar()->currentMessage().toStdString();
}
