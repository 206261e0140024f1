// Every lesson fits a classroom screen (issue 12, "screens that break in a classroom"): the main
// window's minimum size fits 1024×768 in normal and presentation mode, and 1280×800 at
// QT_SCALE_FACTOR=1.5 (853×533 device-independent pixels) in normal mode; at those sizes the key
// widgets (the plots, the t read-out, the control column, the lesson switcher) lie inside the
// window, keep a usable size and do not overlap. The ctest entry ui_screenfit_scale15 runs this
// binary again with QT_SCALE_FACTOR=1.5.

#include "ui/lesson.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/inpaint/maskcanvas.h"
#include "ui/mainwindow.h"
#include "ui/timeline.h"
#include "ui/widgets/controlsscroll.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using ds::ui::Lesson;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;

namespace {

// Room a desktop takes from a screen: a title bar and a panel (logical pixels).
constexpr int kDesktopHeight = 40;
// 1024×768 and, at scale 1.5, 1280×800 / 1.5.
const QSize kSmallScreen(1024, 768);
const QSize kScaledScreen(853, 533);
// Below this a plot cannot show labelled axes and a curve.
const QSize kMinPlot(120, 90);

int scaledTimeout(int msecs) {
  const int scale = qEnvironmentVariableIntValue("DS_TEST_TIME_SCALE");
  return scale > 1 ? msecs * scale : msecs;
}

std::string name(const QWidget* w) {
  const QString n = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
  return n.toStdString();
}

// The widget's rectangle in window coordinates, clipped by every ancestor (what the user sees).
QRect visibleRect(const QWidget* w, const QWidget* window) {
  QRect r(w->mapTo(window, QPoint(0, 0)), w->size());
  for (const QWidget* p = w->parentWidget(); p && p != window; p = p->parentWidget())
    r &= QRect(p->mapTo(window, QPoint(0, 0)), p->size());
  return r & window->rect();
}

struct KeyWidget {
  const QWidget* widget;
  QSize minimum;         // the size it must keep on screen
  bool scrolls = false;  // inside a scroll area: it may be scrolled out of view, not squeezed
};

bool insideScrollArea(const QWidget* w, const QWidget* window) {
  for (const QWidget* p = w->parentWidget(); p && p != window; p = p->parentWidget())
    if (qobject_cast<const QAbstractScrollArea*>(p)) return true;
  return false;
}

// The plots of the current lesson, the t read-out, the control column and the switcher.
std::vector<KeyWidget> keyWidgets(const MainWindow& w) {
  std::vector<KeyWidget> keys;
  Lesson* lesson = w.currentLesson();
  for (const QCustomPlot* plot : lesson->findChildren<QCustomPlot*>())
    if (plot->isVisibleTo(&w)) keys.push_back({plot, kMinPlot, insideScrollArea(plot, &w)});
  // The picture lessons' views: grids of samples, the mask canvas.
  for (const auto* grid : lesson->findChildren<ds::ui::ImageGridView*>())
    if (grid->isVisibleTo(&w)) keys.push_back({grid, QSize(100, 60), insideScrollArea(grid, &w)});
  for (const auto* canvas : lesson->findChildren<ds::ui::MaskCanvas*>())
    if (canvas->isVisibleTo(&w)) keys.push_back({canvas, QSize(150, 150), insideScrollArea(canvas, &w)});
  for (const auto* column : lesson->findChildren<ds::ui::ControlsScrollArea*>())
    if (column->isVisibleTo(&w)) keys.push_back({column, QSize(150, 100)});
  if (const auto* t = w.timeline()->findChild<QLabel*>(QStringLiteral("tLabel"))) keys.push_back({t, QSize(40, 10)});
  if (const auto* s = w.findChild<QListWidget*>(QStringLiteral("lessonSwitcher"))) keys.push_back({s, QSize(30, 100)});
  return keys;
}

class ScreenFit : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    MainWindowOptions o;
    o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    o.persistSettings = false;
    window = std::make_unique<MainWindow>(o);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    if (GetParam()) window->setPresentationMode(true);
  }
  void TearDown() override {
    if (window) window->setPresentationMode(false);
  }
  // What the window must fit in this mode.
  QSize budget() const {
    const QSize screen = GetParam() ? kSmallScreen : kScaledScreen;
    return {screen.width(), screen.height() - kDesktopHeight};
  }

  QTemporaryDir dir;
  std::unique_ptr<MainWindow> window;
};

TEST_P(ScreenFit, EveryLessonFitsAndNothingOverlaps) {
  MainWindow& w = *window;
  const QSize target = budget();
  for (Lesson* lesson : w.lessons()) {
    SCOPED_TRACE(lesson->id().toStdString() + (GetParam() ? " presentation" : " normal"));
    ASSERT_TRUE(w.setCurrentLesson(lesson->id()));
    ASSERT_TRUE(w.waitForJobs(scaledTimeout(120000)));
    QApplication::processEvents();
    const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
    std::printf("[ screenfit ] %-9s %-12s window minimum %4d x %3d (lesson %4d x %3d, timeline %4d x %3d)\n",
                qPrintable(lesson->id()), GetParam() ? "presentation" : "normal", minimum.width(), minimum.height(),
                lesson->minimumSizeHint().width(), lesson->minimumSizeHint().height(),
                w.timeline()->minimumSizeHint().width(), w.timeline()->minimumSizeHint().height());
    EXPECT_LE(minimum.width(), target.width());
    EXPECT_LE(minimum.height(), target.height());

    // At exactly that size: nothing grows the window, the key widgets are whole and apart.
    w.resize(target);
    QApplication::processEvents();
    QApplication::processEvents();
    EXPECT_LE(w.width(), target.width());
    EXPECT_LE(w.height(), target.height());
    const std::vector<KeyWidget> keys = keyWidgets(w);
    EXPECT_GE(keys.size(), 4u);
    for (size_t i = 0; i < keys.size(); ++i) {
      const QWidget* a = keys[i].widget;
      const QRect full(a->mapTo(&w, QPoint(0, 0)), a->size());
      const QRect seen = visibleRect(a, &w);
      EXPECT_GE(a->width(), keys[i].minimum.width()) << name(a);
      EXPECT_GE(a->height(), keys[i].minimum.height()) << name(a);
      if (keys[i].scrolls) continue;
      EXPECT_EQ(seen, full) << name(a) << " is cut off: shows " << seen.width() << "x" << seen.height() << " of "
                            << full.width() << "x" << full.height() << " at " << full.x() << "," << full.y();
      for (size_t j = i + 1; j < keys.size(); ++j) {
        const QWidget* b = keys[j].widget;
        if (keys[j].scrolls || a->isAncestorOf(b) || b->isAncestorOf(a)) continue;
        EXPECT_FALSE(visibleRect(b, &w).intersects(seen)) << name(a) << " overlaps " << name(b);
      }
    }
  }
}

// A window saved on a larger screen opens inside this one (the offscreen screen is 800×600).
TEST(ScreenFitRestore, ASavedWindowLargerThanTheScreenOpensInsideIt) {
  QTemporaryDir dir;
  MainWindowOptions o;
  o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
  {
    MainWindow w(o);
    w.show();
    w.resize(1900, 1150);  // as on a large monitor
    QApplication::processEvents();
    w.close();  // saves the geometry
  }
  MainWindow w(o);
  const QRect free = w.screen()->availableGeometry();
  EXPECT_LE(w.width(), std::max(free.width(), w.minimumSizeHint().width()));
  EXPECT_LE(w.height(), std::max(free.height(), w.minimumSizeHint().height()));
  EXPECT_LT(w.width(), 1900);
  EXPECT_LT(w.height(), 1150);
}

INSTANTIATE_TEST_SUITE_P(Modes, ScreenFit, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return std::string(info.param ? "Presentation" : "Normal");
                         });

}  // namespace
