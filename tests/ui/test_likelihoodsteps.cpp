// The Likelihood lesson's "Steps vs quality" page on its own: the worker's table becomes one line per
// chosen sampler with a point at each S (KS in 1-D, sliced W2 in 2-D, named on the axis), the floor
// dashed, the cost table; hiding a sampler needs no new run, adding one does; S above T are left out;
// a bad S list is refused; cancel; the CSV export; the lesson-file state and refused fields.

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/likelihood/stepschart.h"
#include "ui/lessons/likelihood/stepsjobs.h"
#include "ui/lessons/likelihood/stepspage.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <memory>

using ds::StepsSampler;
using ds::ui::StepsPage;

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

const char* kOneD = "0.3:-2:0.4;0.7:2:0.4";
const char* kTwoD = "0.5:-1.5,0:0.4;0.5:1.5,0.5:0.5";

// Small and quick: three S, 300 samples.
QJsonObject quickState() {
  return QJsonObject{{QStringLiteral("steps"), QJsonArray{2, 10, 100}}, {QStringLiteral("n"), 300}};
}

class StepsPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.setPreference(QStringLiteral("cpu"));
    page = std::make_unique<StepsPage>(&context);
    page->resize(900, 720);
    page->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    QString error;
    ASSERT_TRUE(page->applyState(quickState(), &error)) << error.toStdString();
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
  QCheckBox* box(const char* sampler) const {
    return page->controls()->findChild<QCheckBox*>(QStringLiteral("stepsShow_") + QLatin1String(sampler));
  }
  int visibleLines() const {
    int n = 0;
    for (StepsSampler s : {StepsSampler::Ddpm, StepsSampler::Ddim, StepsSampler::Ode, StepsSampler::Pc})
      n += page->chart()->graph(s)->visible() && page->chart()->graph(s)->dataCount() > 0 ? 1 : 0;
    return n;
  }

  ds::ui::ComputeContext context;
  std::unique_ptr<StepsPage> page;
};

TEST_F(StepsPageTest, OneLinePerSamplerWithAPointAtEachS) {
  start(setupFor(kOneD, 100, 1));
  QCustomPlot* plot = page->chart()->plot();
  EXPECT_EQ(plot->objectName(), QStringLiteral("stepsPlot"));
  EXPECT_EQ(visibleLines(), 4);
  for (StepsSampler s : {StepsSampler::Ddpm, StepsSampler::Ddim, StepsSampler::Ode, StepsSampler::Pc}) {
    QCPGraph* g = page->chart()->graph(s);
    ASSERT_EQ(g->dataCount(), 3);
    EXPECT_EQ(g->data()->at(0)->key, 2);
    EXPECT_EQ(g->data()->at(2)->key, 100);
    for (int i = 0; i < 3; ++i) EXPECT_GT(g->data()->at(i)->value, 0.0);
  }
  // Two steps are far worse than a hundred for the deterministic samplers (core: KS 0.55–0.70 vs ~0.02).
  QCPGraph* ddim = page->chart()->graph(StepsSampler::Ddim);
  EXPECT_GT(ddim->data()->at(0)->value, 3 * ddim->data()->at(2)->value);
  QCPGraph* floor = page->chart()->floorGraph();
  ASSERT_EQ(floor->dataCount(), 2);
  EXPECT_EQ(floor->pen().style(), Qt::DashLine);
  EXPECT_NEAR(floor->data()->at(0)->value, page->result()->quality.floor, 1e-12);
  EXPECT_EQ(plot->xAxis->scaleType(), QCPAxis::stLogarithmic);
  EXPECT_EQ(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);     // a 2-step sampler can be 1000× off
  EXPECT_EQ(plot->yAxis->label(), QStringLiteral("KS distance"));  // short: a projector's plot is small
  auto* table = page->findChild<QTableWidget*>(QStringLiteral("stepsTable"));
  EXPECT_EQ(table->rowCount(), 12);
  EXPECT_TRUE(page->findChild<QLabel*>(QStringLiteral("stepsNote"))->text().contains(QStringLiteral("exact")));
  // Each sampler's name on one line ("DDPM (respaced)" wrapped onto two in a stretched column).
  const QFontMetrics fm(table->font());
  for (int row = 0; row < table->rowCount(); ++row) {
    const QString name = table->item(row, 0)->text();
    EXPECT_GE(table->columnWidth(0), fm.horizontalAdvance(name)) << name.toStdString();
    EXPECT_LT(table->rowHeight(row), 2 * fm.lineSpacing()) << name.toStdString();
  }
}

TEST_F(StepsPageTest, TwoDUsesSlicedW2) {
  start(setupFor(kTwoD, 100, 1));
  EXPECT_EQ(page->result()->quality.metric, "sliced_w2");
  EXPECT_EQ(page->chart()->plot()->yAxis->label(), QStringLiteral("sliced W2"));
  EXPECT_EQ(visibleLines(), 4);
}

TEST_F(StepsPageTest, HidingASamplerNeedsNoRunAddingOneDoes) {
  start(setupFor(kOneD, 100, 1));
  const auto first = page->result();
  box("ddpm")->setChecked(false);
  box("pc")->setChecked(false);
  EXPECT_FALSE(page->isBusy());
  EXPECT_EQ(page->result(), first);
  EXPECT_EQ(visibleLines(), 2);
  // Only DDIM and ODE computed from here on; turning DDPM back on runs again.
  QString error;
  ASSERT_TRUE(page->applyState(QJsonObject{{QStringLiteral("seed"), 5}}, &error));
  settle();
  EXPECT_TRUE(page->result()->rowsOf(StepsSampler::Ddpm).empty());
  box("ddpm")->setChecked(true);
  settle();
  EXPECT_FALSE(page->result()->rowsOf(StepsSampler::Ddpm).empty());
  EXPECT_EQ(visibleLines(), 3);
  // The last box cannot be unchecked.
  box("ddim")->setChecked(false);
  box("ode")->setChecked(false);
  box("ddpm")->setChecked(false);
  EXPECT_TRUE(box("ddpm")->isChecked());
}

TEST_F(StepsPageTest, StepsAboveTAreLeftOutAndABadListIsRefused) {
  QString error;
  ASSERT_TRUE(page->applyState(QJsonObject{{QStringLiteral("steps"), QJsonArray{5, 500}}}, &error));
  start(setupFor(kOneD, 100, 1));
  EXPECT_EQ(page->result()->steps, std::vector<int>{5});
  EXPECT_TRUE(page->findChild<QLabel*>(QStringLiteral("stepsStatus"))->text().contains(QStringLiteral("500")));
  auto* list = page->controls()->findChild<QLineEdit*>(QStringLiteral("stepsList"));
  list->setText(QStringLiteral("5, x"));
  Q_EMIT list->editingFinished();
  EXPECT_FALSE(page->controls()->findChild<QLabel*>(QStringLiteral("stepsControlMessage"))->text().isEmpty());
  EXPECT_EQ(page->settings().steps, (std::vector<int>{5, 500}));
  EXPECT_EQ(list->text(), QStringLiteral("5, 500"));
  EXPECT_FALSE(page->isBusy());
}

TEST_F(StepsPageTest, CancelStopsTheRun) {
  QString error;
  ASSERT_TRUE(page->applyState(
      QJsonObject{{QStringLiteral("steps"), QJsonArray{500, 1000}}, {QStringLiteral("n"), 20000}}, &error));
  page->setSetup(setupFor(kTwoD, 1000, 1));
  page->setActive(true);
  ASSERT_TRUE(page->isBusy());
  QTest::qWait(50);
  auto* cancel = page->findChild<QPushButton*>(QStringLiteral("stepsCancel"));
  ASSERT_TRUE(cancel->isEnabled());
  QTest::mouseClick(cancel, Qt::LeftButton);
  settle();
  EXPECT_EQ(page->result(), nullptr);
  EXPECT_TRUE(page->findChild<QLabel*>(QStringLiteral("stepsStatus"))->text().contains(QStringLiteral("Cancelled")));
}

TEST_F(StepsPageTest, ExportsTheTable) {
  start(setupFor(kOneD, 100, 1));
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("steps.csv"));
  QString error;
  ASSERT_TRUE(page->exportCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 13);
  EXPECT_EQ(lines.front(), QStringLiteral("sampler,steps,distance,seconds,evaluations"));
  EXPECT_TRUE(lines[1].startsWith(QStringLiteral("ddpm,2,")));
  EXPECT_TRUE(lines.back().startsWith(QStringLiteral("pc,100,")));
}

TEST_F(StepsPageTest, StateRoundTripsAndBadFieldsChangeNothing) {
  const QJsonObject state{{QStringLiteral("samplers"), QJsonArray{QStringLiteral("ddim"), QStringLiteral("ode")}},
                          {QStringLiteral("steps"), QJsonArray{3, 30}},
                          {QStringLiteral("n"), 500},
                          {QStringLiteral("correctorSteps"), 2},
                          {QStringLiteral("snr"), 0.2},
                          {QStringLiteral("seed"), 11}};
  QString error;
  ASSERT_TRUE(page->applyState(state, &error)) << error.toStdString();
  EXPECT_EQ(page->saveState(), state);
  EXPECT_FALSE(box("ddpm")->isChecked());
  EXPECT_TRUE(box("ode")->isChecked());
  for (const QJsonObject& bad :
       {QJsonObject{{QStringLiteral("snr"), 5}},
        QJsonObject{{QStringLiteral("samplers"), QJsonArray{QStringLiteral("euler")}}},
        QJsonObject{{QStringLiteral("samplers"), QJsonArray{}}}, QJsonObject{{QStringLiteral("steps"), QJsonArray{0}}},
        QJsonObject{{QStringLiteral("n"), 3}},
        QJsonObject{{QStringLiteral("n"), 500}, {QStringLiteral("extra"), true}}}) {
    error.clear();
    EXPECT_FALSE(page->applyState(bad, &error));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_EQ(page->saveState(), state);
  }
}

}  // namespace
