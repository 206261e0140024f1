// The 1-D lesson: its job runs and fills the views, the timeline moves what they show, mixture
// edits re-render, and the posterior panel shows the lecture's unimodal/multimodal contrast.

#include "core/data/pointset.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture1d/densityview.h"
#include "ui/lessons/mixture1d/histogramview.h"
#include "ui/lessons/mixture1d/lesson1d.h"
#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/lessons/mixture1d/mixturetable.h"
#include "ui/lessons/mixture1d/posteriorpanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFontMetrics>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using ds::ui::DensityView;
using ds::ui::Direction;
using ds::ui::HistogramView;
using ds::ui::Lesson1D;
using ds::ui::MixtureTable;
using ds::ui::PosteriorPanel;

namespace {

constexpr int kJobTimeoutMs = 180000;

// A named child of `parent` (widgets and QCustomPlot items are found by objectName).
template <class T>
T* child(const QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QLatin1String(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

class Lesson1DTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.setPreference(QStringLiteral("cpu"));
    lesson = std::make_unique<Lesson1D>(&context);
    lesson->resize(1100, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    settle();
    ASSERT_TRUE(lesson->hasResult());
    histogram = child<HistogramView>(lesson.get(), "histogram");
    density = child<DensityView>(lesson.get(), "density");
    panel = child<PosteriorPanel>(lesson.get(), "posterior");
    table = child<MixtureTable>(lesson.get(), "mixtureTable");
    ASSERT_TRUE(histogram && density && panel && table);
  }
  void TearDown() override { lesson.reset(); }

  // Waits for the lesson's jobs, including one submitted when the previous one finished.
  void settle() {
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
      QApplication::processEvents();
    }
  }
  std::vector<double> barHeights() const {
    std::vector<double> out;
    auto data = histogram->bars()->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it) out.push_back(it->value);
    return out;
  }
  std::vector<double> curve(const char* graph) const {
    std::vector<double> out;
    QCPGraph* g = child<QCPGraph>(panel, graph);
    if (!g) return out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back(it->value);
    return out;
  }
  std::vector<double> marginal() const {
    std::vector<double> out;
    for (auto it = histogram->marginal()->data()->constBegin(); it != histogram->marginal()->data()->constEnd(); ++it)
      out.push_back(it->value);
    return out;
  }
  static int localMaxima(const std::vector<double>& v) {
    const double peak = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    int n = 0;
    for (size_t i = 1; i + 1 < v.size(); ++i)
      if (v[i] > 0.01 * peak && v[i] > v[i - 1] && v[i] >= v[i + 1]) ++n;
    return n;
  }
  // Types a new value into a spin box the way a user does and commits it with Enter.
  static void typeInto(QAbstractSpinBox* box, const QString& text) {
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
  }

  ds::ui::ComputeContext context;
  std::unique_ptr<Lesson1D> lesson;
  HistogramView* histogram = nullptr;
  DensityView* density = nullptr;
  PosteriorPanel* panel = nullptr;
  MixtureTable* table = nullptr;
};

TEST_F(Lesson1DTest, OpensOnTheLectureBimodalExampleAndFillsEveryView) {
  EXPECT_EQ(lesson->id(), "1d");
  EXPECT_EQ(lesson->schedule().steps(), 1000);
  EXPECT_EQ(table->rowCount(), 2);
  QCPColorMap* map = density->colorMap();
  EXPECT_EQ(map->data()->keySize(), 1001);
  EXPECT_GT(map->data()->valueSize(), 100);
  EXPECT_EQ(density->trajectoryCount(), ds::ui::DensityView::kTrajectories);
  const auto bars = barHeights();
  EXPECT_EQ(static_cast<int>(bars.size()), ds::ui::HistogramView::kBins);
  EXPECT_GT(std::accumulate(bars.begin(), bars.end(), 0.0), 0.0);
  // At t = 0 the exact q(x_0) is the bimodal data.
  EXPECT_EQ(localMaxima(marginal()), 2);
  EXPECT_EQ(lesson->particles().size(), 2000u);
}

TEST_F(Lesson1DTest, SetTimestepChangesWhatThePlotsShow) {
  lesson->setTimestep(0);
  const auto bars0 = barHeights();
  const auto marginal0 = marginal();
  const auto particles0 = lesson->particles();
  lesson->setTimestep(1000);
  EXPECT_EQ(lesson->timestep(), 1000);
  EXPECT_EQ(histogram->shownTimestep(), 1000);
  const auto barsT = barHeights();
  EXPECT_NE(bars0, barsT);
  EXPECT_NE(lesson->particles(), particles0);
  // q(x_T) ≈ N(0, 1): one mode, and the particles' spread is about 1.
  EXPECT_EQ(localMaxima(marginal()), 1);
  const auto xs = lesson->particles();
  const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / xs.size();
  double var = 0;
  for (double x : xs) var += (x - mean) * (x - mean);
  var /= xs.size();
  EXPECT_NEAR(mean, 0.0, 0.1);
  EXPECT_NEAR(var, 1.0, 0.12);
  (void)marginal0;
  // Out-of-range t is clamped.
  lesson->setTimestep(5000);
  EXPECT_EQ(lesson->timestep(), 1000);
}

TEST_F(Lesson1DTest, ReverseDirectionShowsTheDenoisedParticles) {
  lesson->setTimestep(0);
  const auto forward = lesson->particles();
  lesson->setDirection(Direction::Reverse);
  EXPECT_EQ(lesson->direction(), Direction::Reverse);
  const auto reverse = lesson->particles();
  ASSERT_EQ(reverse.size(), forward.size());
  EXPECT_NE(reverse, forward);
  // The exact denoiser puts the DDPM samples on the two modes at ±2.
  const long near =
      std::count_if(reverse.begin(), reverse.end(), [](double x) { return std::abs(std::abs(x) - 2.0) < 1.2; });
  EXPECT_GT(near, static_cast<long>(0.95 * reverse.size()));
}

TEST_F(Lesson1DTest, EditingAMixtureComponentReRendersAndUndoes) {
  lesson->setTimestep(0);
  const quint64 before = lesson->resultGeneration();
  const auto curveBefore = marginal();
  QDoubleSpinBox* mean = child<QDoubleSpinBox>(table, "cell1,1");
  ASSERT_NE(mean, nullptr);
  typeInto(mean, QStringLiteral("4"));
  EXPECT_DOUBLE_EQ(mean->value(), 4.0);
  EXPECT_DOUBLE_EQ(lesson->document()->components()[1].mean, 4.0);
  EXPECT_TRUE(lesson->jobTracker()->isBusy());
  settle();
  EXPECT_GT(lesson->resultGeneration(), before);
  EXPECT_NE(marginal(), curveBefore);

  // Adding a component gives a third mode at t = 0.
  QTest::mouseClick(child<QPushButton>(table, "mixtureAdd"), Qt::LeftButton);
  EXPECT_EQ(table->rowCount(), 3);
  settle();
  EXPECT_EQ(localMaxima(marginal()), 3);

  // Undo (the lesson's menu action) removes it again, in the table and in the plots.
  QAction* undo = nullptr;
  for (QAction* a : lesson->lessonActions())
    if (a->text().startsWith(QStringLiteral("Undo"))) undo = a;
  ASSERT_NE(undo, nullptr);
  undo->trigger();
  EXPECT_EQ(table->rowCount(), 2);
  settle();
  EXPECT_EQ(localMaxima(marginal()), 2);
  undo->trigger();
  // The table rebuilt its rows; the old spin boxes are deleted later (deleteLater): let that happen.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  EXPECT_DOUBLE_EQ(child<QDoubleSpinBox>(table, "cell1,1")->value(), 2.0);
}

TEST_F(Lesson1DTest, ScheduleAndStepsComeFromTheControlsThroughTheDocument) {
  auto* kind = child<QComboBox>(lesson.get(), "scheduleKind");
  auto* steps = child<QSpinBox>(lesson.get(), "steps");
  ASSERT_TRUE(kind && steps);
  kind->setCurrentIndex(kind->findText(QStringLiteral("cosine")));
  steps->setValue(300);
  EXPECT_EQ(lesson->document()->scheduleSpec().kind, ds::ScheduleKind::Cosine);
  settle();
  EXPECT_EQ(lesson->schedule().steps(), 300);
  EXPECT_EQ(lesson->schedule().spec().kind, ds::ScheduleKind::Cosine);
  lesson->setTimestep(5000);
  EXPECT_EQ(lesson->timestep(), 300);
}

// The caption under the posterior keeps to two lines: in a narrow column at presentation size it
// shows its bold headline and the tooltip the whole caption (wrapped to four lines it took the
// plot's height and the legend drew over the xₜ row at 1024×768).
TEST_F(Lesson1DTest, PosteriorCaptionKeepsToTwoLines) {
  lesson->setTimestep(500);
  child<QDoubleSpinBox>(panel, "posteriorXt")->setValue(0.0);
  child<QSlider>(panel, "posteriorJump")->setValue(1);
  settle();
  auto* label = child<QLabel>(panel, "posteriorCaption");
  ASSERT_TRUE(label);
  const QString whole = panel->caption();
  ASSERT_TRUE(whole.contains(QStringLiteral("pins down"))) << whole.toStdString();
  auto fitsTwoLines = [&] {
    return label->heightForWidth(label->contentsRect().width()) <= 2 * QFontMetrics(label->font()).lineSpacing() + 4;
  };
  EXPECT_EQ(label->text(), whole);  // wide: all of it
  EXPECT_TRUE(fitsTwoLines());

  lesson->setPresentationMode(true);
  lesson->resize(640, 650);
  QApplication::processEvents();
  QApplication::processEvents();
  EXPECT_NE(label->text(), whole);
  EXPECT_TRUE(label->text().contains(QStringLiteral("unimodal"))) << label->text().toStdString();
  EXPECT_TRUE(label->toolTip().contains(whole));
  EXPECT_EQ(panel->caption(), whole);
  EXPECT_TRUE(fitsTwoLines()) << label->text().toStdString() << " at " << label->width() << " px";
}

TEST_F(Lesson1DTest, PosteriorIsUnimodalForASmallStepAndMultimodalForABigJump) {
  lesson->setTimestep(500);
  auto* xt = child<QDoubleSpinBox>(panel, "posteriorXt");
  auto* jump = child<QSlider>(panel, "posteriorJump");
  ASSERT_TRUE(xt && jump);
  xt->setValue(0.0);
  jump->setValue(1);
  settle();
  EXPECT_EQ(panel->posteriorModes(), 1);
  EXPECT_EQ(localMaxima(curve("posteriorGraph")), 1);
  EXPECT_FALSE(curve("modelStepGraph").empty());  // k = 1: the Gaussian step is drawn
  EXPECT_FALSE(curve("likelihoodGraph").empty());
  EXPECT_FALSE(curve("priorGraph").empty());
  EXPECT_TRUE(panel->caption().contains(QStringLiteral("unimodal")));

  // Big jump through the slider, as a user would.
  jump->setValue(jump->maximum());
  EXPECT_EQ(panel->jump(), 500);
  EXPECT_EQ(lesson->document()->jump(), 500);
  settle();
  EXPECT_EQ(panel->posteriorModes(), 2);
  EXPECT_EQ(localMaxima(curve("posteriorGraph")), 2);
  EXPECT_TRUE(curve("modelStepGraph").empty());
  EXPECT_TRUE(panel->caption().contains(QStringLiteral("multimodal")));

  // The slider's range follows t; scrubbing is a lookup into the table (no job).
  lesson->setTimestep(20);
  EXPECT_FALSE(lesson->jobTracker()->isBusy());
  EXPECT_EQ(jump->maximum(), 20);
  EXPECT_EQ(jump->value(), 20);
  // Back at t = 500 the requested jump of 500 is still there.
  lesson->setTimestep(500);
  EXPECT_EQ(jump->value(), 500);
  EXPECT_EQ(panel->posteriorModes(), 2);
}

TEST_F(Lesson1DTest, DraggingOnThePosteriorPlotMovesXt) {
  lesson->setTimestep(300);
  QCustomPlot* plot = child<QCustomPlot>(panel, "posteriorPlot");
  ASSERT_NE(plot, nullptr);
  plot->replot();
  const int px = static_cast<int>(plot->xAxis->coordToPixel(1.5));
  const int py = plot->axisRect()->center().y();
  const auto before = curve("posteriorGraph");
  QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(px, py));
  QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(px, py));
  EXPECT_NEAR(panel->xt(), 1.5, 0.05);
  EXPECT_NEAR(lesson->document()->posteriorXt(), 1.5, 0.05);
  settle();
  EXPECT_NEAR(panel->shownXt(), 1.5, 0.05);
  EXPECT_NE(curve("posteriorGraph"), before);
}

TEST_F(Lesson1DTest, ExportsParticlesInCoresPointSetFormat) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("particles.csv"));
  QString error;
  lesson->setTimestep(250);
  ASSERT_TRUE(lesson->exportParticlesCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 2001);
  EXPECT_EQ(lines.front(), QStringLiteral("x"));
  // What the Train lesson and `diffusion-cli train --points` read: the same particles.
  const ds::PointSet points = ds::readPointsCsv(path.toStdString());
  ASSERT_EQ(points.size(), 2000);
  EXPECT_EQ(points.dim(), 1);
  const auto xs = lesson->particles();
  EXPECT_NEAR(points.points[7][0].item<double>(), xs[7], 1e-6);
  EXPECT_FALSE(lesson->exportParticlesCsv(dir.filePath(QStringLiteral("no/such/dir/p.csv")), &error));
  EXPECT_FALSE(error.isEmpty());
}

// Every step of a drag across all T = 1000 steps is shown (the frame time is printed for the
// record; the measured figures come from `diffusion-studio --benchmark-scrub`, not from a test).
TEST_F(Lesson1DTest, ScrubbingEveryStepShowsThatStep) {
  std::vector<double> ms;
  int wrong = 0;
  QElapsedTimer clock;
  for (int t = 0; t <= 1000; ++t) {
    clock.start();
    lesson->setTimestep(t);
    QApplication::processEvents();
    lesson->repaint();
    ms.push_back(clock.nsecsElapsed() / 1e6);
    if (histogram->shownTimestep() != t) ++wrong;
  }
  EXPECT_EQ(wrong, 0);
  const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  std::sort(ms.begin(), ms.end());
  std::printf("[lesson1d scrub] frames=%zu mean=%.2f ms p99=%.2f ms max=%.2f ms\n", ms.size(), mean,
              ms[ms.size() * 99 / 100], ms.back());
}

}  // namespace
