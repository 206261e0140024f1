// The Likelihood lesson's "Score & Langevin" page on its own: the field and the Langevin run are
// computed on the workers for the timeline's t, Step/Play/Pause/Reset index the recorded frames,
// annealed Langevin ends at level 1 near the data, 1-D works, a diverging step size is reported
// and changes nothing, CSV export, and the page's lesson-file state (round trip, bad fields refused).

#include "core/data/pointset.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/likelihood/scorejobs.h"
#include "ui/lessons/likelihood/scorepage.h"
#include "ui/lessons/likelihood/scoreviews.h"
#include "ui/lessons/mixture2d/vectorfield.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using ds::ui::LangevinFrames;
using ds::ui::ScorePage;

namespace {

constexpr int kJobTimeoutMs = 120000;

template <class T>
T* child(const QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QLatin1String(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

ds::ui::LikelihoodSetup setupFor(const std::string& spec, int T, quint64 generation) {
  ds::ui::LikelihoodSetup setup;
  setup.mixture = ds::GaussianMixture::parse(spec);
  // Cosine: at T = 100 the linear schedule has made q(x_50) nearly N(0, I); cosine keeps ᾱ_50 ≈ 0.5.
  setup.schedule.kind = ds::ScheduleKind::Cosine;
  setup.schedule.steps = T;
  setup.denoiserLabel = QStringLiteral("exact");
  setup.generation = generation;
  return setup;
}

const std::string k2D = "0.5:-1.5,0.5:0.35;0.3:1.5,0.5:0.35;0.2:0,-1.5:0.35";
const std::string k1D = "0.3:-2:0.4;0.7:2:0.4";

class ScorePageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.setPreference(QStringLiteral("cpu"));
    page = std::make_unique<ScorePage>(&context);
    controls = page->controls();
    // Small runs keep the test quick: 300 particles, 60 updates.
    child<QSpinBox>(controls, "scoreParticles")->setValue(300);
    child<QSpinBox>(controls, "scoreStepsPerLevel")->setValue(60);
    page->setSetup(setupFor(k2D, 100, 1));
    page->resize(900, 700);
    page->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    page->setActive(true);
    page->setTimestep(50);
    settle();
  }
  void TearDown() override { page.reset(); }

  // Waits for both trackers, including jobs queued behind a running one (scrubbing).
  void settle() {
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(page->fieldJobs()->waitForIdle(kJobTimeoutMs));
      ASSERT_TRUE(page->runJobs()->waitForIdle(kJobTimeoutMs));
      QApplication::processEvents();
    }
  }
  QString readout() const { return child<QLabel>(page.get(), "scoreReadout")->text(); }
  void click(const char* name) { QTest::mouseClick(child<QPushButton>(page.get(), name), Qt::LeftButton); }

  ds::ui::ComputeContext context;
  std::unique_ptr<ScorePage> page;
  QWidget* controls = nullptr;
};

TEST_F(ScorePageTest, ComputesTheFieldAndTheRunAtTheTimelinesT) {
  EXPECT_EQ(page->pageId(), QStringLiteral("score"));
  ASSERT_TRUE(page->fields() && page->frames());
  ASSERT_EQ(page->fields()->levels.size(), 1u);
  EXPECT_EQ(page->fields()->levels[0].t, 50);
  const LangevinFrames& f = *page->frames();
  EXPECT_EQ(f.levels, std::vector<int>{50});
  EXPECT_EQ(f.frames(), 61);  // the start and every update
  EXPECT_EQ(f.update.back(), 60);
  EXPECT_EQ(f.n, 300);

  auto* plane = child<ds::ui::ScorePlaneView>(page.get(), "scorePlane");
  ASSERT_NE(plane, nullptr);
  EXPECT_TRUE(plane->isVisible());
  EXPECT_EQ(plane->field()->arrowCount(), ds::ui::kScoreArrowGrid * ds::ui::kScoreArrowGrid);
  EXPECT_EQ(plane->densityMap()->data()->keySize(), ds::ui::kScorePlaneGrid);
  EXPECT_EQ(plane->particleDots()->data()->size(), 300);
  EXPECT_EQ(plane->shownFieldT(), 50);
  EXPECT_EQ(plane->shownParticlesT(), 50);
  // The arrows are the score −ε̂/√(1−ᾱ_t): far out on the right they point back (left).
  const auto& v = plane->field()->vectors();
  EXPECT_LT(v[2 * (ds::ui::kScoreArrowGrid * (ds::ui::kScoreArrowGrid / 2) + ds::ui::kScoreArrowGrid - 1)], 0.0);

  // The particles settle into q(x_t): the distance falls from the N(0, I) start to near an exact
  // sample's (measured: 0.28 → 0.093; an exact sample of 300 points 0.11).
  EXPECT_GT(f.distance.front(), 2.0 * f.distance.back());
  EXPECT_LT(f.distance.back(), 3.0 * f.floor + 0.05);
  EXPECT_FALSE(child<QLabel>(page.get(), "scoreDistance")->text().isEmpty());
}

TEST_F(ScorePageTest, TheLegendStandsUnderThePlaneNotOnIt) {
  // An inset legend covered the top-left components (the ring-of-8 preset) and their particles.
  page->setPresentationMode(true);
  auto* plane = child<ds::ui::ScorePlaneView>(page.get(), "scorePlane");
  QCustomPlot* plot = plane->plot();
  plot->replot();
  ASSERT_TRUE(plot->legend->visible());
  EXPECT_GT(plot->legend->itemCount(), 0);
  EXPECT_FALSE(plot->legend->outerRect().intersects(plot->axisRect()->rect()))
      << "legend at y " << plot->legend->outerRect().top() << ", plane down to " << plot->axisRect()->rect().bottom();
  EXPECT_GE(plot->legend->outerRect().top(), plot->axisRect()->rect().bottom());
  page->setPresentationMode(false);
}

TEST_F(ScorePageTest, StepPlayPauseAndReset) {
  ASSERT_EQ(page->frame(), 0);
  EXPECT_TRUE(readout().contains(QStringLiteral("update 0 / 60"))) << readout().toStdString();
  click("scoreStep");
  EXPECT_EQ(page->frame(), 1);
  EXPECT_TRUE(readout().contains(QStringLiteral("update 1 / 60"))) << readout().toStdString();
  EXPECT_TRUE(readout().contains(QStringLiteral("δ ="))) << readout().toStdString();
  const auto before = child<ds::ui::ScorePlaneView>(page.get(), "scorePlane")->particleDots()->data()->at(0)->key;
  click("scoreStep");
  EXPECT_EQ(page->frame(), 2);
  EXPECT_NE(child<ds::ui::ScorePlaneView>(page.get(), "scorePlane")->particleDots()->data()->at(0)->key, before);

  click("scorePlay");
  EXPECT_TRUE(page->isPlaying());
  QTest::qWait(400);
  const int playing = page->frame();
  EXPECT_GT(playing, 2);
  click("scorePlay");  // Pause
  EXPECT_FALSE(page->isPlaying());
  const int paused = page->frame();
  QTest::qWait(250);
  EXPECT_EQ(page->frame(), paused);

  // Play runs to the end and stops there; Reset goes back to the start.
  child<QSpinBox>(page.get(), "scoreSpeed")->setValue(120);
  click("scorePlay");
  for (int i = 0; i < 100 && page->isPlaying(); ++i) QTest::qWait(50);
  EXPECT_FALSE(page->isPlaying());
  EXPECT_EQ(page->frame(), page->frames()->frames() - 1);
  click("scoreReset");
  EXPECT_EQ(page->frame(), 0);
}

TEST_F(ScorePageTest, ANewTimestepRecomputesAndTZeroUsesOne) {
  page->setTimestep(80);
  page->setTimestep(90);  // scrubbing: the newest t wins
  settle();
  EXPECT_EQ(page->fields()->levels[0].t, 90);
  EXPECT_EQ(page->frames()->levels, std::vector<int>{90});
  page->setTimestep(0);
  settle();
  EXPECT_EQ(page->frames()->levels, std::vector<int>{1});
  EXPECT_TRUE(readout().contains(QStringLiteral("t ≥ 1"))) << readout().toStdString();
}

TEST_F(ScorePageTest, AnnealedEndsAtLevelOneNearTheData) {
  child<QSpinBox>(controls, "scoreParticles")->setValue(500);
  child<QSpinBox>(controls, "scoreStepsPerLevel")->setValue(30);
  child<QSpinBox>(controls, "scoreLevels")->setValue(10);
  child<QComboBox>(controls, "scoreMode")->setCurrentIndex(1);
  settle();
  const LangevinFrames& f = *page->frames();
  ASSERT_EQ(f.levels.size(), 10u);
  EXPECT_EQ(f.levels.front(), 100);
  EXPECT_EQ(f.levels.back(), 1);
  EXPECT_EQ(f.targetT, 0);
  EXPECT_EQ(f.t.back(), 0);  // the final denoising step
  EXPECT_EQ(f.t[f.t.size() - 2], 1);
  // Fields for every level and the data.
  EXPECT_EQ(page->fields()->levels.size(), 11u);
  // Sliced W₂ to the data, measured here: 0.46 at the N(0, I) start, 0.12 at the end, 0.094 for an
  // exact sample of 500 points. The bounds leave room for other CPUs and BLAS builds.
  EXPECT_LT(f.distance.back(), 0.2);
  EXPECT_GT(f.distance.front(), 0.35);

  // The background follows the frame's level.
  auto* plane = child<ds::ui::ScorePlaneView>(page.get(), "scorePlane");
  child<QPushButton>(page.get(), "scoreReset")->click();
  EXPECT_EQ(plane->shownFieldT(), 100);
  QTest::mouseClick(child<QPushButton>(page.get(), "scoreStep"), Qt::LeftButton);
  EXPECT_TRUE(readout().contains(QStringLiteral("Level 1 / 10 (t = 100)"))) << readout().toStdString();

  // Without the final step the run ends at t = 1.
  child<QCheckBox>(controls, "scoreDenoiseFinal")->setChecked(false);
  settle();
  EXPECT_EQ(page->frames()->t.back(), 1);
}

TEST_F(ScorePageTest, OneDimensionalSetup) {
  page->setSetup(setupFor(k1D, 100, 2));
  page->setTimestep(20);
  settle();
  auto* curve = child<ds::ui::ScoreCurveView>(page.get(), "scoreCurve");
  ASSERT_NE(curve, nullptr);
  EXPECT_TRUE(curve->isVisible());
  EXPECT_EQ(curve->densityCurve()->data()->size(), ds::ui::kScoreCurvePoints);
  EXPECT_EQ(curve->scoreCurve()->data()->size(), ds::ui::kScoreCurvePoints);
  EXPECT_EQ(curve->histogram()->data()->size(), ds::ui::ScoreCurveView::kBins);
  EXPECT_EQ(page->frames()->dim, 1);
  child<QPushButton>(page.get(), "scoreReset")->click();
  const auto start = curve->histogram()->data()->at(ds::ui::ScoreCurveView::kBins / 2)->value;
  child<QPushButton>(page.get(), "scoreStep")->click();
  child<QPushButton>(page.get(), "scoreStep")->click();
  EXPECT_NE(curve->histogram()->data()->at(ds::ui::ScoreCurveView::kBins / 2)->value, start);
  // KS distance to q(x_20) falls (measured 0.57 → 0.42: 60 updates at low noise cannot move mass
  // between the modes, which is why the annealed mode exists).
  EXPECT_LT(page->frames()->distance.back(), page->frames()->distance.front());
}

TEST_F(ScorePageTest, ADivergingStepSizeIsReportedAndChangesNothing) {
  const auto before = page->frames();
  page->setTimestep(1);
  settle();
  const auto atOne = page->frames();
  ASSERT_NE(atOne, before);
  child<QComboBox>(controls, "scoreStepRule")->setCurrentIndex(1);
  child<QDoubleSpinBox>(controls, "scoreDelta")->setValue(1.0);  // δ ≫ 2σ² = 0.25 at t = 1: unstable
  settle();
  EXPECT_EQ(page->frames(), atOne);
  const QString status = child<QLabel>(page.get(), "scoreStatus")->text();
  EXPECT_TRUE(status.contains(QStringLiteral("non-finite"))) << status.toStdString();
}

TEST_F(ScorePageTest, ClickChoosesTheStartPoint) {
  auto* plane = child<ds::ui::ScorePlaneView>(page.get(), "scorePlane");
  QCustomPlot* plot = plane->plot();
  plot->replot();
  const QPoint p(static_cast<int>(plot->xAxis->coordToPixel(2.0)), static_cast<int>(plot->yAxis->coordToPixel(-1.0)));
  QTest::mouseClick(plot, Qt::LeftButton, {}, p);
  EXPECT_TRUE(page->settings().startAtPoint);
  EXPECT_NEAR(page->settings().start[0], 2.0, 0.1);
  settle();
  child<QPushButton>(page.get(), "scoreReset")->click();
  const auto& x0 = page->frames()->x.front();
  EXPECT_NEAR(x0[0], page->settings().start[0], 1e-6);
  EXPECT_NEAR(x0[1], page->settings().start[1], 1e-6);
}

TEST_F(ScorePageTest, ExportsTheShownParticles) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("particles.csv"));
  QString error;
  child<QPushButton>(page.get(), "scoreStep")->click();
  ASSERT_TRUE(page->exportCsv(path, &error)) << error.toStdString();
  const ds::PointSet points = ds::readPointsCsv(path.toStdString());
  ASSERT_EQ(points.points.size(0), 300);
  ASSERT_EQ(points.points.size(1), 2);
  EXPECT_NEAR(points.points[0][0].item<double>(), page->frames()->x[1][0], 1e-5);
}

TEST_F(ScorePageTest, StateRoundTripAndBadFieldsRefused) {
  child<QComboBox>(controls, "scoreMode")->setCurrentIndex(1);
  child<QSpinBox>(controls, "scoreLevels")->setValue(7);
  child<QComboBox>(controls, "scoreStepRule")->setCurrentIndex(1);
  child<QDoubleSpinBox>(controls, "scoreDelta")->setValue(0.002);
  child<QSpinBox>(controls, "scoreSeed")->setValue(42);
  const QJsonObject saved = page->saveState();
  settle();

  ds::ui::ComputeContext other;
  other.setPreference(QStringLiteral("cpu"));
  ScorePage fresh(&other);
  fresh.setSetup(setupFor(k2D, 100, 1));
  QString error;
  ASSERT_TRUE(fresh.applyState(saved, &error)) << error.toStdString();
  EXPECT_EQ(fresh.saveState(), saved);
  EXPECT_EQ(fresh.settings().levels, 7);
  EXPECT_FALSE(fresh.settings().snrRule);

  const QJsonObject good = fresh.saveState();
  QJsonObject bad = good;
  bad.insert(QStringLiteral("particles"), 0);
  EXPECT_FALSE(fresh.applyState(bad, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("particles"))) << error.toStdString();
  EXPECT_EQ(fresh.saveState(), good);
  bad = good;
  bad.insert(QStringLiteral("startPoint"), QJsonArray{1.0, QStringLiteral("x")});
  EXPECT_FALSE(fresh.applyState(bad, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("startPoint"))) << error.toStdString();
  bad = good;
  bad.insert(QStringLiteral("mode"), QStringLiteral("sideways"));
  EXPECT_FALSE(fresh.applyState(bad, &error));
  bad = good;
  bad.insert(QStringLiteral("unknownKey"), 1);
  EXPECT_FALSE(fresh.applyState(bad, &error));
  EXPECT_EQ(fresh.saveState(), good);
}

}  // namespace
