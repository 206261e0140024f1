// The 1-D lesson: its job runs and fills the views, the timeline moves what they show, mixture
// edits re-render, and the posterior panel shows the lecture's unimodal/multimodal contrast.

#include "ui/jobrunner.h"
#include "ui/lessons/densityview.h"
#include "ui/lessons/histogramview.h"
#include "ui/lessons/lesson1d.h"
#include "ui/lessons/mixturetable.h"
#include "ui/lessons/posteriorpanel.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using ds::ui::Direction;
using ds::ui::JobRunner;
using ds::ui::Lesson1D;

namespace {

constexpr int kJobTimeoutMs = 180000;

class Lesson1DTest : public ::testing::Test {
 protected:
  void SetUp() override {
    runner = std::make_unique<JobRunner>();
    lesson = std::make_unique<Lesson1D>(runner.get());
    lesson->resize(1100, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    ASSERT_TRUE(runner->waitForIdle(kJobTimeoutMs));
    QApplication::processEvents();
    ASSERT_TRUE(lesson->hasResult());
  }
  void TearDown() override {
    lesson.reset();
    runner.reset();
  }

  std::vector<double> barHeights() const {
    std::vector<double> out;
    auto data = lesson->histogramView()->bars()->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it) out.push_back(it->value);
    return out;
  }
  std::vector<double> curve(QCPGraph* g) const {
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back(it->value);
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

  std::unique_ptr<JobRunner> runner;
  std::unique_ptr<Lesson1D> lesson;
};

TEST_F(Lesson1DTest, OpensOnTheLectureBimodalExampleAndFillsEveryView) {
  EXPECT_EQ(lesson->id(), "1d");
  EXPECT_EQ(lesson->schedule().steps(), 1000);
  EXPECT_EQ(lesson->mixtureTable()->rowCount(), 2);
  QCPColorMap* map = lesson->densityView()->colorMap();
  EXPECT_EQ(map->data()->keySize(), 1001);
  EXPECT_GT(map->data()->valueSize(), 100);
  EXPECT_EQ(lesson->densityView()->trajectoryCount(), ds::ui::DensityView::kTrajectories);
  const auto bars = barHeights();
  EXPECT_EQ(static_cast<int>(bars.size()), ds::ui::HistogramView::kBins);
  EXPECT_GT(std::accumulate(bars.begin(), bars.end(), 0.0), 0.0);
  // At t = 0 the exact q(x_0) is the bimodal data.
  EXPECT_EQ(localMaxima(curve(lesson->histogramView()->marginal())), 2);
  EXPECT_EQ(lesson->particles().size(), 2000u);
}

TEST_F(Lesson1DTest, SetTimestepChangesWhatThePlotsShow) {
  lesson->setTimestep(0);
  const auto bars0 = barHeights();
  const auto marginal0 = curve(lesson->histogramView()->marginal());
  const auto particles0 = lesson->particles();
  lesson->setTimestep(1000);
  EXPECT_EQ(lesson->timestep(), 1000);
  EXPECT_EQ(lesson->histogramView()->shownTimestep(), 1000);
  const auto barsT = barHeights();
  EXPECT_NE(bars0, barsT);
  EXPECT_NE(lesson->particles(), particles0);
  // q(x_T) ≈ N(0, 1): one mode, and the particles' spread is about 1.
  EXPECT_EQ(localMaxima(curve(lesson->histogramView()->marginal())), 1);
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
  const long near = std::count_if(reverse.begin(), reverse.end(),
                                  [](double x) { return std::abs(std::abs(x) - 2.0) < 1.2; });
  EXPECT_GT(near, static_cast<long>(0.95 * reverse.size()));
}

TEST_F(Lesson1DTest, EditingAMixtureComponentReRenders) {
  lesson->setTimestep(0);
  const quint64 before = lesson->resultGeneration();
  const auto curveBefore = curve(lesson->histogramView()->marginal());
  QDoubleSpinBox* mean = lesson->mixtureTable()->cell(1, 1);
  ASSERT_NE(mean, nullptr);
  typeInto(mean, QStringLiteral("4"));
  EXPECT_DOUBLE_EQ(mean->value(), 4.0);
  EXPECT_TRUE(runner->isBusy());
  ASSERT_TRUE(runner->waitForIdle(kJobTimeoutMs));
  QApplication::processEvents();
  EXPECT_GT(lesson->resultGeneration(), before);
  EXPECT_NE(curve(lesson->histogramView()->marginal()), curveBefore);

  // Adding a component gives a third mode at t = 0.
  QTest::mouseClick(lesson->mixtureTable()->addButton(), Qt::LeftButton);
  EXPECT_EQ(lesson->mixtureTable()->rowCount(), 3);
  ASSERT_TRUE(runner->waitForIdle(kJobTimeoutMs));
  QApplication::processEvents();
  EXPECT_EQ(localMaxima(curve(lesson->histogramView()->marginal())), 3);
}

TEST_F(Lesson1DTest, PosteriorIsUnimodalForASmallStepAndMultimodalForABigJump) {
  ds::ui::PosteriorPanel* panel = lesson->posteriorPanel();
  lesson->setTimestep(500);
  panel->setXt(0.0);
  panel->setJump(1);
  EXPECT_EQ(panel->posteriorModes(), 1);
  EXPECT_EQ(localMaxima(curve(panel->posteriorGraph())), 1);
  EXPECT_FALSE(panel->modelStepGraph()->data()->isEmpty());  // k = 1: the Gaussian step is drawn
  EXPECT_FALSE(panel->likelihoodGraph()->data()->isEmpty());
  EXPECT_FALSE(panel->priorGraph()->data()->isEmpty());
  EXPECT_TRUE(panel->caption().contains(QStringLiteral("unimodal")));

  // Big jump through the slider, as a user would.
  panel->jumpSlider()->setValue(panel->jumpSlider()->maximum());
  EXPECT_EQ(panel->jump(), 500);
  EXPECT_EQ(panel->posteriorModes(), 2);
  EXPECT_EQ(localMaxima(curve(panel->posteriorGraph())), 2);
  EXPECT_TRUE(panel->modelStepGraph()->data()->isEmpty());
  EXPECT_TRUE(panel->caption().contains(QStringLiteral("multimodal")));

  // The slider's range follows t.
  lesson->setTimestep(20);
  EXPECT_EQ(panel->jumpSlider()->maximum(), 20);
}

TEST_F(Lesson1DTest, DraggingOnThePosteriorPlotMovesXt) {
  ds::ui::PosteriorPanel* panel = lesson->posteriorPanel();
  lesson->setTimestep(300);
  QCustomPlot* plot = panel->plot();
  plot->replot();
  const int px = static_cast<int>(plot->xAxis->coordToPixel(1.5));
  const int py = plot->axisRect()->center().y();
  const auto before = curve(panel->posteriorGraph());
  QTest::mousePress(plot, Qt::LeftButton, {}, QPoint(px, py));
  QTest::mouseRelease(plot, Qt::LeftButton, {}, QPoint(px, py));
  EXPECT_NEAR(panel->xt(), 1.5, 0.05);
  EXPECT_NE(curve(panel->posteriorGraph()), before);
}

TEST_F(Lesson1DTest, ExportsOneRowPerParticle) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("particles.csv"));
  QString error;
  lesson->setTimestep(250);
  ASSERT_TRUE(lesson->exportParticlesCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 2001);
  EXPECT_EQ(lines.front(), QStringLiteral("i,x"));
  EXPECT_TRUE(lines.at(1).startsWith(QStringLiteral("0,")));
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
    if (lesson->histogramView()->shownTimestep() != t) ++wrong;
  }
  EXPECT_EQ(wrong, 0);
  const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  std::sort(ms.begin(), ms.end());
  std::printf("[lesson1d scrub] frames=%zu mean=%.2f ms p99=%.2f ms max=%.2f ms\n", ms.size(), mean,
              ms[ms.size() * 99 / 100], ms.back());
}

}  // namespace
