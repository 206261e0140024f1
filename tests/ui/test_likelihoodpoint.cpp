// The Likelihood lesson's "Point NLL & paths" page on its own: the job fills the NLL table (exact ≤
// VLB mean + 3 s.e.; the ODE with the exact prior within 0.05 nats of exact), the plane shows the
// density, the ODE path (decoded back onto x₀) and one DDPM path per chosen seed (ending elsewhere);
// a click on the plane moves x₀ and recomputes; the timeline's t moves the path markers; 1-D data;
// a learned (untrained) MLP; cancel; the CSV export; the lesson-file state and refused fields.

#include "core/models/mlp.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/likelihood/pointjobs.h"
#include "ui/lessons/likelihood/pointpage.h"
#include "ui/lessons/likelihood/pointview.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cmath>
#include <memory>

using ds::ui::PointPage;
using ds::ui::PointResult;

namespace {

constexpr int kJobTimeoutMs = 60000;

ds::ui::LikelihoodSetup setupFor(const std::string& spec, int T, quint64 generation) {
  ds::ui::LikelihoodSetup setup;
  setup.mixture = ds::GaussianMixture::parse(spec);
  setup.schedule = ds::ScheduleSpec{ds::ScheduleKind::Cosine, T, {}, {}};
  setup.denoiserLabel = QStringLiteral("exact E[ε | x_t]");
  setup.generation = generation;
  return setup;
}

const char* kTwoD = "0.5:-1.5,0:0.4;0.5:1.5,0.5:0.5";
const char* kOneD = "0.3:-2:0.4;0.7:2:0.4";

class PointPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.setPreference(QStringLiteral("cpu"));
    page = std::make_unique<PointPage>(&context);
    page->resize(900, 720);
    page->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
  }
  void TearDown() override { page.reset(); }

  void settle() {
    ASSERT_TRUE(QTest::qWaitFor([&] { return !page->isBusy(); }, kJobTimeoutMs));
    QApplication::processEvents();
  }
  void start(const ds::ui::LikelihoodSetup& setup) {
    page->setSetup(setup);
    page->setActive(true);
    settle();
    ASSERT_NE(page->result(), nullptr);
  }
  QTableWidget* table() const { return page->findChild<QTableWidget*>(QStringLiteral("nllTable")); }
  double cell(int row, int col) const {
    QTableWidgetItem* item = table()->item(row, col);
    EXPECT_NE(item, nullptr);
    return item ? item->text().toDouble() : std::nan("");
  }
  static int curvesWithData(const std::vector<QCPCurve*>& curves) {
    int n = 0;
    for (QCPCurve* c : curves) n += c->dataCount() > 0 ? 1 : 0;
    return n;
  }

  ds::ui::ComputeContext context;
  std::unique_ptr<PointPage> page;
};

TEST_F(PointPageTest, TwoDTableIsConsistentAndPathsAreDrawn) {
  start(setupFor(kTwoD, 100, 1));
  const PointResult& r = *page->result();
  // The table shows the result (4 decimals) in the documented order.
  const double exact = cell(PointPage::RowExact, 0), vlb = cell(PointPage::RowVlb, 0), se = cell(PointPage::RowVlb, 1);
  EXPECT_NEAR(exact, r.exactNats, 1e-4);
  EXPECT_NEAR(vlb, r.vlbMean, 1e-4);
  EXPECT_GT(se, 0.0);
  EXPECT_LE(exact, vlb + 3 * se);
  EXPECT_NEAR(cell(PointPage::RowOdeExactPrior, 0), exact, 0.05);
  EXPECT_TRUE(std::isfinite(cell(PointPage::RowOde, 0)));
  EXPECT_NEAR(cell(PointPage::RowExact, 2), exact / (2 * std::log(2.0)), 1e-3);
  EXPECT_FALSE(page->findChild<QLabel*>(QStringLiteral("pointSummary"))->text().isEmpty());

  ds::ui::PointView* view = page->view();
  int maps = 0;
  for (int i = 0; i < view->plane()->plottableCount(); ++i) {
    if (auto* map = qobject_cast<QCPColorMap*>(view->plane()->plottable(i))) {
      ++maps;
      EXPECT_TRUE(map->visible());
      EXPECT_EQ(map->data()->keySize(), ds::ui::kPointPlaneGrid);
    }
  }
  EXPECT_EQ(maps, 1);
  EXPECT_FALSE(view->pathsPlot()->isVisibleTo(page.get()));  // 1-D only
  EXPECT_GT(view->odeCurve()->dataCount(), 2);
  EXPECT_EQ(view->odeCurve()->parentPlot(), view->plane());
  EXPECT_EQ(curvesWithData(view->ddpmCurves()), 3);  // the default: three DDPM paths
  // Deterministic ODE: the decoded path ends on x₀; the stochastic DDPM chains end elsewhere.
  EXPECT_LT(r.roundTripError, 1e-2);
  const auto& d = r.decode.x;
  EXPECT_NEAR(d[d.size() - 2], r.x0[0], 1e-2);
  EXPECT_NEAR(d[d.size() - 1], r.x0[1], 1e-2);
  for (const ds::ui::PointPath& p : r.ddpm) {
    EXPECT_EQ(p.times.front(), 100);
    EXPECT_EQ(p.times.back(), 0);
    EXPECT_NEAR(p.x[0], r.xT[0], 1e-6);  // all from the same x_T
    EXPECT_GT(std::hypot(p.x[p.x.size() - 2] - r.x0[0], p.x[p.x.size() - 1] - r.x0[1]), 1e-3);
  }
}

TEST_F(PointPageTest, ClickOnThePlaneMovesX0AndRecomputes) {
  start(setupFor(kTwoD, 100, 1));
  QCustomPlot* plane = page->view()->plane();
  plane->replot();
  const QPoint pixel(static_cast<int>(plane->xAxis->coordToPixel(1.2)),
                     static_cast<int>(plane->yAxis->coordToPixel(-0.8)));
  QTest::mouseClick(plane, Qt::LeftButton, Qt::NoModifier, pixel);
  const double cellSize = std::abs(plane->xAxis->pixelToCoord(1) - plane->xAxis->pixelToCoord(0));
  ASSERT_EQ(page->x0().size(), 2u);
  EXPECT_NEAR(page->x0()[0], 1.2, 2 * cellSize);
  EXPECT_NEAR(page->x0()[1], -0.8, 2 * cellSize);
  settle();
  EXPECT_EQ(page->result()->x0, page->x0());
  EXPECT_NEAR(cell(PointPage::RowExact, 0), page->result()->exactNats, 1e-4);
  // The coordinate edits show the new point.
  EXPECT_NEAR(page->controls()->findChild<QDoubleSpinBox*>(QStringLiteral("pointX"))->value(), page->x0()[0], 1e-3);
}

TEST_F(PointPageTest, TimelineMovesTheMarkersAlongThePaths) {
  start(setupFor(kTwoD, 100, 1));
  const PointResult& r = *page->result();
  QCPCurve* heads = page->view()->heads();
  page->setTimestep(100);
  ASSERT_EQ(heads->dataCount(), 1 + 3);
  EXPECT_NEAR(heads->data()->at(0)->key, r.xT[0], 1e-6);  // every path starts at x_T
  EXPECT_NEAR(heads->data()->at(2)->value, r.xT[1], 1e-6);
  page->setTimestep(0);
  EXPECT_NEAR(heads->data()->at(0)->key, r.x0[0], 1e-2);  // the ODE is back at x₀
  page->setTimestep(50);
  const double hx = heads->data()->at(0)->key, hy = heads->data()->at(0)->value;
  EXPECT_GT(std::hypot(hx - r.xT[0], hy - r.xT[1]), 1e-3);  // half way: neither end
  EXPECT_GT(std::hypot(hx - r.x0[0], hy - r.x0[1]), 1e-3);
}

TEST_F(PointPageTest, OneDShowsTheCurveAndPathsAgainstT) {
  start(setupFor(kOneD, 100, 1));
  const PointResult& r = *page->result();
  ds::ui::PointView* view = page->view();
  EXPECT_TRUE(view->pathsPlot()->isVisibleTo(page.get()));
  EXPECT_EQ(view->odeCurve()->parentPlot(), view->pathsPlot());
  EXPECT_EQ(view->plane()->graph(0)->dataCount(), ds::ui::kPointCurve);
  EXPECT_EQ(curvesWithData(view->ddpmCurves()), 3);
  EXPECT_LE(cell(PointPage::RowExact, 0), cell(PointPage::RowVlb, 0) + 3 * cell(PointPage::RowVlb, 1));
  EXPECT_NEAR(cell(PointPage::RowOdeExactPrior, 0), cell(PointPage::RowExact, 0), 0.05);
  EXPECT_NEAR(cell(PointPage::RowExact, 2), r.exactNats / std::log(2.0), 1e-3);  // D = 1
  EXPECT_FALSE(page->controls()->findChild<QDoubleSpinBox*>(QStringLiteral("pointY"))->isVisibleTo(page->controls()));
}

TEST_F(PointPageTest, LearnedModelRunsWithoutTheExactPriorRow) {
  ds::ui::LikelihoodSetup setup = setupFor(kTwoD, 100, 1);
  ds::MlpConfig config;
  config.dim = 2;
  config.hidden = 32;
  config.layers = 2;
  config.steps = 100;
  setup.learned = std::make_shared<ds::MlpDenoiser>(config, 7);
  setup.denoiserLabel = QStringLiteral("untrained test MLP");
  start(setup);
  EXPECT_TRUE(page->result()->learned);
  EXPECT_EQ(table()->item(PointPage::RowOdeExactPrior, 0)->text(), QStringLiteral("—"));
  EXPECT_TRUE(std::isfinite(cell(PointPage::RowOde, 0)));
  EXPECT_TRUE(std::isfinite(cell(PointPage::RowVlb, 0)));
  EXPECT_TRUE(
      page->findChild<QLabel*>(QStringLiteral("pointSummary"))->text().contains(QStringLiteral("untrained test MLP")));
}

TEST_F(PointPageTest, CancelStopsTheJob) {
  QString error;
  ASSERT_TRUE(page->applyState(QJsonObject{{QStringLiteral("vlbCopies"), 1024}}, &error)) << error.toStdString();
  page->setSetup(setupFor(kTwoD, 1000, 1));
  page->setActive(true);
  ASSERT_TRUE(QTest::qWaitFor([&] { return page->jobTracker()->isBusy(); }, 5000));
  auto* cancel = page->findChild<QPushButton*>(QStringLiteral("pointCancel"));
  ASSERT_TRUE(cancel->isEnabled());
  QTest::mouseClick(cancel, Qt::LeftButton);
  settle();
  EXPECT_EQ(page->result(), nullptr);
  EXPECT_TRUE(page->findChild<QLabel*>(QStringLiteral("pointStatus"))->text().contains(QStringLiteral("Cancelled")));
}

TEST_F(PointPageTest, ExportsThePaths) {
  start(setupFor(kTwoD, 100, 1));
  const PointResult& r = *page->result();
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("paths.csv"));
  QString error;
  ASSERT_TRUE(page->exportCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  EXPECT_EQ(lines.front(), QStringLiteral("path,t,x,y"));
  int expected = 1 + r.encode.size() + r.decode.size();
  for (const auto& p : r.ddpm) expected += p.size();
  EXPECT_EQ(lines.size(), expected);
  EXPECT_TRUE(lines[1].startsWith(QStringLiteral("ode_encode,0,")));
  EXPECT_FALSE(page->exportCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
}

TEST_F(PointPageTest, StateRoundTripsAndBadFieldsChangeNothing) {
  page->setSetup(setupFor(kTwoD, 100, 1));
  const QJsonObject state{{QStringLiteral("solver"), QStringLiteral("heun")},
                          {QStringLiteral("heunSteps"), 40},
                          {QStringLiteral("rtol"), 1e-4},
                          {QStringLiteral("atol"), 2e-4},
                          {QStringLiteral("vlbCopies"), 32},
                          {QStringLiteral("ddpmPaths"), 5},
                          {QStringLiteral("seed"), 9},
                          {QStringLiteral("x0"), QJsonArray{0.25, -0.5}}};
  QString error;
  ASSERT_TRUE(page->applyState(state, &error)) << error.toStdString();
  EXPECT_EQ(page->saveState(), state);
  EXPECT_EQ(page->controls()->findChild<QSpinBox*>(QStringLiteral("pointHeunSteps"))->value(), 40);

  for (const QJsonObject& bad :
       {QJsonObject{{QStringLiteral("vlbCopies"), 1}}, QJsonObject{{QStringLiteral("solver"), QStringLiteral("euler")}},
        QJsonObject{{QStringLiteral("x0"), QJsonArray{1, 2, 3}}},
        QJsonObject{{QStringLiteral("x0"), QJsonArray{QStringLiteral("a")}}},
        QJsonObject{{QStringLiteral("seed"), 3}, {QStringLiteral("colour"), 1}}}) {
    error.clear();
    EXPECT_FALSE(page->applyState(bad, &error));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_EQ(page->saveState(), state);
  }
  EXPECT_TRUE(page->applyState(QJsonObject{{QStringLiteral("vlbCopies"), 1}}, &error) == false &&
              error.contains(QStringLiteral("vlbCopies")));
}

TEST_F(PointPageTest, BadToleranceIsRefused) {
  page->setSetup(setupFor(kTwoD, 100, 1));
  const QJsonObject before = page->saveState();
  auto* rtol = page->controls()->findChild<QLineEdit*>(QStringLiteral("pointRtol"));
  rtol->setText(QStringLiteral("lots"));
  Q_EMIT rtol->editingFinished();
  EXPECT_FALSE(page->controls()->findChild<QLabel*>(QStringLiteral("pointControlMessage"))->text().isEmpty());
  EXPECT_EQ(page->saveState(), before);
}

}  // namespace
