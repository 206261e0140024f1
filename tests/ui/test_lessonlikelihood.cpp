// The Likelihood & score lesson (issue 11): the shell (shared set-up with undo, page tabs, only
// the shown page computes, lesson-file state with every page's part) and its VLB page (the bound
// per term computed on the worker: T + 1 bars, total ≥ the exact NLL; T and the schedule
// recompute; the t read-out; CSV; the learned denoiser's bound).

#include "core/models/mlp.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/likelihood/lessonlikelihood.h"
#include "ui/lessons/likelihood/likelihooddocument.h"
#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/likelihood/vlbjobs.h"
#include "ui/lessons/likelihood/vlbpage.h"
#include "ui/modelstore.h"
#include "ui/widgets/denoiserbox.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <memory>

using ds::ui::LessonLikelihood;
using ds::ui::LikelihoodPanel;
using ds::ui::VlbPage;

namespace {

constexpr int kJobTimeoutMs = 120000;

template <class T>
T* child(const QObject* parent, const QString& name) {
  T* found = parent->findChild<T*>(name);
  EXPECT_NE(found, nullptr) << "no child named " << name.toStdString();
  return found;
}

int barCount(QCustomPlot* plot) {
  int n = 0;
  for (int i = 0; i < plot->plottableCount(); ++i)
    if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i))) n += bars->data()->size();
  return n;
}

class LessonLikelihoodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ds::ui::ModelStore::instance()->clear();
    context.setPreference(QStringLiteral("cpu"));
    lesson = std::make_unique<LessonLikelihood>(&context);
    // Quick: T = 200 and 300 points, set while hidden, so only one job runs (when shown).
    lesson->document()->setSteps(200);
    vlb = dynamic_cast<VlbPage*>(lesson->page(QStringLiteral("vlb")));
    ASSERT_NE(vlb, nullptr);
    child<QSpinBox>(lesson.get(), QStringLiteral("vlbPoints"))->setValue(300);
    lesson->resize(1000, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    settle();
    ASSERT_NE(vlb->result(), nullptr);
  }
  void TearDown() override {
    lesson.reset();
    ds::ui::ModelStore::instance()->clear();
  }

  // A group of the shared controls (the pages' own controls may reuse a child's name).
  QWidget* shared(const QString& box) const { return child<QWidget>(lesson.get(), box); }
  void settle() {
    QDeadlineTimer deadline(kJobTimeoutMs);
    while (lesson->isBusy() && !deadline.hasExpired()) {
      QApplication::processEvents(QEventLoop::AllEvents, 10);
      QTest::qWait(5);
    }
    ASSERT_FALSE(lesson->isBusy());
    QApplication::processEvents();
  }

  ds::ui::ComputeContext context;
  std::unique_ptr<LessonLikelihood> lesson;
  VlbPage* vlb = nullptr;
};

TEST_F(LessonLikelihoodTest, OpensOnTheVlbPageWithOneBarPerTermAndABoundAboveTheNll) {
  EXPECT_EQ(lesson->id(), "likelihood");
  auto* tabs = child<QTabWidget>(lesson.get(), QStringLiteral("likelihoodPages"));
  ASSERT_NE(tabs, nullptr);
  EXPECT_EQ(tabs->count(), static_cast<int>(lesson->pages().size()));
  EXPECT_EQ(lesson->currentPage(), vlb);
  EXPECT_EQ(tabs->tabText(0), QStringLiteral("VLB"));  // short: five tabs fit a projector's width
  EXPECT_EQ(tabs->tabToolTip(0), QStringLiteral("VLB per t"));

  const auto result = vlb->result();
  ASSERT_EQ(result->terms.size(), 201u);  // L_0 … L_199, L_200
  EXPECT_EQ(result->request.points, 300);
  EXPECT_EQ(barCount(child<QCustomPlot>(vlb, QStringLiteral("vlbTerms"))), 201);
  EXPECT_EQ(child<QCustomPlot>(vlb, QStringLiteral("vlbWeights"))->graph(0)->data()->size(), 200);
  double sum = 0;
  for (size_t k = 1; k < result->terms.size(); ++k) {
    EXPECT_GE(result->terms[k], 0.0) << "a KL term is never negative (k = " << k << ")";
    sum += result->terms[k];
  }
  sum += result->terms[0];
  EXPECT_NEAR(sum, result->vlb, 1e-9 * std::abs(result->vlb) + 1e-12);
  // At T = 200 the exact denoiser's bound is tight: the gap is within its sampling error.
  EXPECT_LT(std::abs(result->vlb - result->nll), 3 * result->gapError);
  const QString summary = child<QLabel>(vlb, QStringLiteral("vlbSummary"))->text();
  EXPECT_TRUE(summary.contains(
      QStringLiteral("VLB %1 nats ≈ exact NLL %2 nats").arg(result->vlb, 0, 'f', 3).arg(result->nll, 0, 'f', 3)))
      << summary.toStdString();
  EXPECT_TRUE(summary.contains(QStringLiteral("bits/dim")));

  // At T = 10 Gaussian reverse steps are too coarse: the bound lies clearly above the NLL.
  lesson->document()->setSteps(10);
  child<QSpinBox>(lesson.get(), QStringLiteral("vlbPoints"))->setValue(2000);
  settle();
  const auto coarse = vlb->result();
  ASSERT_EQ(coarse->terms.size(), 11u);
  EXPECT_GT(coarse->vlb - coarse->nll, 3 * coarse->gapError) << coarse->vlb << " vs " << coarse->nll;
  EXPECT_TRUE(child<QLabel>(vlb, QStringLiteral("vlbSummary"))->text().contains(QStringLiteral("≥")));
}

TEST_F(LessonLikelihoodTest, ChangingTOrTheScheduleRecomputes) {
  auto* steps = child<QSpinBox>(shared(QStringLiteral("processBox")), QStringLiteral("steps"));
  steps->setValue(300);
  EXPECT_TRUE(lesson->isBusy());
  settle();
  EXPECT_EQ(vlb->result()->terms.size(), 301u);
  EXPECT_EQ(lesson->schedule().steps(), 300);
  const double linear = vlb->result()->vlb;

  auto* kind = child<QComboBox>(shared(QStringLiteral("processBox")), QStringLiteral("scheduleKind"));
  kind->setCurrentIndex(kind->findText(QStringLiteral("cosine")));
  settle();
  EXPECT_EQ(vlb->result()->request.schedule.kind, ds::ScheduleKind::Cosine);
  EXPECT_NE(vlb->result()->vlb, linear);
  EXPECT_GE(vlb->result()->vlb, vlb->result()->nll);

  // Undo goes back to the linear schedule's bound.
  lesson->document()->undoStack()->undo();
  settle();
  EXPECT_EQ(vlb->result()->request.schedule.kind, ds::ScheduleKind::Linear);
  EXPECT_DOUBLE_EQ(vlb->result()->vlb, linear);
}

TEST_F(LessonLikelihoodTest, OnlyTheShownPageComputes) {
  // Hidden, the lesson computes nothing; shown again, the page catches up.
  lesson->hide();
  lesson->document()->setSteps(120);
  QApplication::processEvents();
  EXPECT_FALSE(lesson->isBusy());
  EXPECT_EQ(vlb->result()->terms.size(), 201u);
  lesson->show();
  EXPECT_TRUE(lesson->isBusy());
  settle();
  EXPECT_EQ(vlb->result()->terms.size(), 121u);

  // Another tab: the VLB page stops; back on it, it computes the setup it missed.
  auto* tabs = child<QTabWidget>(lesson.get(), QStringLiteral("likelihoodPages"));
  if (tabs->count() < 2) return;  // the other pages are not there (yet)
  for (int i = 1; i < tabs->count(); ++i) {
    tabs->setCurrentIndex(i);
    EXPECT_EQ(lesson->currentPage(), lesson->pages()[static_cast<size_t>(i)]);
    EXPECT_TRUE(lesson->currentPage()->isVisible());
    EXPECT_FALSE(vlb->isBusy());
    settle();
  }
  lesson->document()->setSteps(150);
  QApplication::processEvents();
  EXPECT_FALSE(vlb->isBusy());
  settle();
  EXPECT_EQ(vlb->result()->terms.size(), 121u);
  tabs->setCurrentIndex(0);
  EXPECT_TRUE(vlb->isBusy());
  settle();
  EXPECT_EQ(vlb->result()->terms.size(), 151u);
}

TEST_F(LessonLikelihoodTest, TheTimelineHighlightsTheTermOfItsStep) {
  auto* readout = child<QLabel>(vlb, QStringLiteral("vlbTermAtT"));
  lesson->setTimestep(50);
  EXPECT_EQ(lesson->timestep(), 50);
  EXPECT_TRUE(readout->text().contains(QStringLiteral("t = 50: L₄₉ = "))) << readout->text().toStdString();
  lesson->setTimestep(1);
  EXPECT_TRUE(readout->text().contains(QStringLiteral("L₀"))) << readout->text().toStdString();
  lesson->setTimestep(0);
  EXPECT_TRUE(readout->text().contains(QStringLiteral("L_T"))) << readout->text().toStdString();
  lesson->setTimestep(5000);  // clamped to T
  EXPECT_EQ(lesson->timestep(), 200);
}

TEST_F(LessonLikelihoodTest, ExportsOneCsvRowPerTerm) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("vlb.csv"));
  QString error;
  ASSERT_TRUE(lesson->exportParticlesCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
  ASSERT_EQ(lines.size(), 202);
  EXPECT_EQ(lines[0], "t,term_nats,weight");
  const auto result = vlb->result();
  const QList<QByteArray> t0 = lines[1].split(','), t1 = lines[2].split(','), t200 = lines[201].split(',');
  EXPECT_EQ(t0[0], "0");
  EXPECT_DOUBLE_EQ(t0[1].toDouble(), result->terms[200]);  // L_T
  EXPECT_TRUE(t0[2].isEmpty());
  EXPECT_DOUBLE_EQ(t1[1].toDouble(), result->terms[0]);  // L_0 at t = 1
  EXPECT_DOUBLE_EQ(t1[2].toDouble(), result->weights[1]);
  EXPECT_EQ(t200[0], "200");
  EXPECT_DOUBLE_EQ(t200[1].toDouble(), result->terms[199]);
  EXPECT_FALSE(lesson->exportParticlesCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(LessonLikelihoodTest, ABadSpecIsShownAndChangesNothingAndPresetsUndo) {
  auto* spec = child<QLineEdit>(shared(QStringLiteral("dataBox")), QStringLiteral("spec"));
  auto* error = child<QLabel>(shared(QStringLiteral("dataBox")), QStringLiteral("specError"));
  const std::string before = lesson->document()->settings().mixture.toSpec();
  spec->setText(QStringLiteral("1:0,0,0:1"));  // 3-D
  QTest::keyClick(spec, Qt::Key_Return);
  EXPECT_TRUE(error->isVisible());
  EXPECT_TRUE(error->text().contains(QStringLiteral("3-D"))) << error->text().toStdString();
  EXPECT_EQ(lesson->document()->settings().mixture.toSpec(), before);
  spec->setText(QStringLiteral("0.5:-1:0.3;0.5:1"));
  QTest::keyClick(spec, Qt::Key_Return);
  EXPECT_TRUE(error->isVisible());
  EXPECT_EQ(lesson->document()->settings().mixture.toSpec(), before);

  // A 2-D preset: the 2-D denoiser box replaces the 1-D one; undo brings the 1-D data back.
  auto* preset = child<QComboBox>(shared(QStringLiteral("dataBox")), QStringLiteral("preset"));
  const int twoD = preset->findText(QStringLiteral("2-D: Two unequal blobs"));
  ASSERT_GE(twoD, 0);
  preset->setCurrentIndex(twoD);
  Q_EMIT preset->activated(twoD);
  EXPECT_EQ(lesson->document()->setup().dim(), 2);
  EXPECT_TRUE(child<QWidget>(lesson.get(), QStringLiteral("denoiser2d"))->isVisible());
  EXPECT_FALSE(child<QWidget>(lesson.get(), QStringLiteral("denoiser1d"))->isVisible());
  settle();
  EXPECT_EQ(vlb->result()->dims, 2);
  EXPECT_GE(vlb->result()->vlb, vlb->result()->nll);
  lesson->document()->undoStack()->undo();
  EXPECT_EQ(lesson->document()->settings().mixture.toSpec(), before);
  EXPECT_EQ(spec->text().toStdString(), before);
  settle();
}

TEST_F(LessonLikelihoodTest, LessonFileStateRoundTripsAndABadFieldChangesNothing) {
  QJsonObject state = lesson->saveState();
  EXPECT_EQ(state.value(QStringLiteral("page")).toString(), QStringLiteral("vlb"));
  ASSERT_TRUE(state.value(QStringLiteral("pages")).toObject().contains(QStringLiteral("vlb")));

  state.insert(QStringLiteral("mixture"), QStringLiteral("0.3:1,1:0.2;0.7:-1,0:0.5"));
  state.insert(QStringLiteral("schedule"), QStringLiteral("cosine"));
  state.insert(QStringLiteral("steps"), 150);
  QJsonObject pages = state.value(QStringLiteral("pages")).toObject();
  pages.insert(QStringLiteral("vlb"), QJsonObject{{QStringLiteral("points"), 200},
                                                  {QStringLiteral("variance"), QStringLiteral("small")},
                                                  {QStringLiteral("seed"), 4.0}});
  state.insert(QStringLiteral("pages"), pages);
  QString error;
  ASSERT_TRUE(lesson->applyState(state, &error)) << error.toStdString();
  // The set-up and the VLB page come back as written (another page may adapt its own state to the
  // new data, e.g. a point of the data's dimension).
  const QJsonObject saved = lesson->saveState();
  for (const char* key : {"mixture", "schedule", "steps", "page"})
    EXPECT_EQ(saved.value(QLatin1String(key)), state.value(QLatin1String(key))) << key;
  EXPECT_EQ(saved.value(QStringLiteral("pages")).toObject().value(QStringLiteral("vlb")),
            pages.value(QStringLiteral("vlb")));
  settle();
  EXPECT_EQ(vlb->result()->request.points, 200);
  EXPECT_EQ(vlb->result()->request.variance, ds::VlbVariance::Small);
  EXPECT_EQ(vlb->result()->terms.size(), 151u);
  EXPECT_EQ(vlb->result()->dims, 2);
  EXPECT_EQ(child<QSpinBox>(lesson.get(), QStringLiteral("vlbPoints"))->value(), 200);

  // Refused, naming the field, and nothing changes: a page's bad field, a bad mixture, an unknown
  // page, a 3-D mixture, an unknown key.
  const QJsonObject good = lesson->saveState();
  auto refused = [&](QJsonObject bad, const char* field) {
    QString why;
    EXPECT_FALSE(lesson->applyState(bad, &why)) << field;
    EXPECT_TRUE(why.contains(QLatin1String(field))) << field << ": " << why.toStdString();
    EXPECT_EQ(lesson->saveState(), good) << field;
    EXPECT_FALSE(lesson->isBusy()) << field;
  };
  QJsonObject bad = good;
  QJsonObject badPages = pages;
  badPages.insert(QStringLiteral("vlb"), QJsonObject{{QStringLiteral("points"), 5}});
  bad.insert(QStringLiteral("pages"), badPages);
  bad.insert(QStringLiteral("steps"), 400);  // good, but the file is refused as a whole
  refused(bad, "state.pages.vlb.points");
  bad = good;
  bad.insert(QStringLiteral("mixture"), QStringLiteral("nonsense"));
  refused(bad, "state.mixture");
  bad = good;
  bad.insert(QStringLiteral("mixture"), QStringLiteral("1:0,0,0:1"));
  refused(bad, "state.mixture");
  bad = good;
  bad.insert(QStringLiteral("pages"), QJsonObject{{QStringLiteral("nope"), QJsonObject{}}});
  refused(bad, "nope");
  bad = good;
  bad.insert(QStringLiteral("page"), QStringLiteral("nope"));
  refused(bad, "state.page");
  bad = good;
  bad.insert(QStringLiteral("stepz"), 3);
  refused(bad, "state.stepz");

  // Absent keys take the defaults.
  ASSERT_TRUE(lesson->applyState(QJsonObject{}, &error)) << error.toStdString();
  EXPECT_EQ(lesson->document()->settings(), ds::ui::LikelihoodDocument::defaults());
  EXPECT_EQ(child<QSpinBox>(lesson.get(), QStringLiteral("vlbPoints"))->value(), VlbPage::kDefaultPoints);
  settle();
}

TEST_F(LessonLikelihoodTest, PresentationModeEnlargesThePlotsAndStillFits) {
  auto* terms = child<QCustomPlot>(vlb, QStringLiteral("vlbTerms"));
  const int normal = terms->xAxis->labelFont().pointSize();
  const QSize minimum = lesson->minimumSizeHint();
  lesson->setPresentationMode(true);
  EXPECT_GT(terms->xAxis->labelFont().pointSize(), normal);
  EXPECT_GT(child<QCustomPlot>(vlb, QStringLiteral("vlbWeights"))->yAxis->tickLabelFont().pointSize(), 8);
  // Beside the window's switcher and under its menus and timeline on a 1024×768 screen.
  EXPECT_LE(lesson->minimumSizeHint().width(), 900);
  EXPECT_LE(lesson->minimumSizeHint().height(), 560);
  lesson->setPresentationMode(false);
  EXPECT_EQ(terms->xAxis->labelFont().pointSize(), normal);
  EXPECT_EQ(lesson->minimumSizeHint(), minimum);
}

// What the lesson gets on a 1024×768 projector in presentation mode (measured in the running app:
// the window's font ×1.6, the lesson beside the switcher and under the menus, tool bar and timeline).
TEST_F(LessonLikelihoodTest, OnAProjectorAllTabsShowAndBothVlbPlotsAreReadable) {
  const QFont normalFont = QApplication::font();
  QFont big = normalFont;
  big.setPointSizeF(normalFont.pointSizeF() * 1.6);
  QApplication::setFont(big);
  lesson->setPresentationMode(true);
  lesson->resize(790, 470);
  QApplication::processEvents();
  vlb->setTimestep(500);
  auto* terms = child<QCustomPlot>(vlb, QStringLiteral("vlbTerms"));
  auto* weights = child<QCustomPlot>(vlb, QStringLiteral("vlbWeights"));
  terms->replot();
  weights->replot();

  // Every tab in view: no scroll arrows, each tab inside the bar.
  auto* tabs = child<QTabWidget>(lesson.get(), QStringLiteral("likelihoodPages"));
  QTabBar* bar = tabs->tabBar();
  for (int i = 0; i < bar->count(); ++i)
    EXPECT_LE(bar->tabRect(i).right(), bar->width()) << "tab " << i << " out of view";
  for (QToolButton* arrow : bar->findChildren<QToolButton*>())
    EXPECT_FALSE(arrow->isVisible()) << "the tab row scrolls";

  // The page fits its tab (nothing below a scroll fold) and both plots keep a readable axis rect.
  auto* scroll = child<QScrollArea>(lesson.get(), QStringLiteral("scroll_vlb"));
  EXPECT_LE(vlb->height(), scroll->viewport()->height());
  for (QCustomPlot* plot : {terms, weights}) {
    const QRect rect = plot->axisRect()->rect();
    EXPECT_GE(rect.height(), 150) << plot->objectName().toStdString();
    EXPECT_GE(rect.width(), 100) << plot->objectName().toStdString();
    EXPECT_TRUE(vlb->rect().contains(QRect(plot->mapTo(vlb, QPoint(0, 0)), plot->size())));
    // The vertical y label is centred on the axis rect: it must be shorter than the plot.
    const QFontMetrics fm(plot->yAxis->labelFont());
    EXPECT_LE(fm.horizontalAdvance(plot->yAxis->label()), plot->height()) << plot->objectName().toStdString();
    EXPECT_LE(QFontMetrics(plot->xAxis->labelFont()).horizontalAdvance(plot->xAxis->label()), plot->width());
  }
  // The read-out above the plots takes two lines, the one under them one line.
  auto* summary = child<QLabel>(vlb, QStringLiteral("vlbSummary"));
  const int line = QFontMetrics(summary->font()).lineSpacing();
  EXPECT_LE(summary->height(), 2 * line + line / 2) << summary->text().toStdString();
  auto* readout = child<QLabel>(vlb, QStringLiteral("vlbTermAtT"));
  EXPECT_LE(readout->height(), line + line / 2) << readout->text().toStdString();
  // Plain-text subscripts: no TeX braces anywhere on the page.
  for (QLabel* label : vlb->findChildren<QLabel*>()) EXPECT_FALSE(label->text().contains(QLatin1Char('{')));
  for (QCustomPlot* plot : {terms, weights})
    EXPECT_FALSE(plot->xAxis->label().contains(QLatin1Char('{')) || plot->yAxis->label().contains(QLatin1Char('{')));

  lesson->setPresentationMode(false);
  QApplication::setFont(normalFont);
}

TEST_F(LessonLikelihoodTest, TheLearnedModelsBoundIsComparedWithTheDatasExactNll) {
  // An untrained network on the lecture's 1-D mixture (the "mixture1d" toy): a poor model whose
  // bound must still lie above the data's NLL, and far above the exact denoiser's.
  const double exact = vlb->result()->vlb;
  ds::MlpConfig arch;
  arch.dim = 1;
  arch.hidden = 32;
  arch.layers = 2;
  arch.steps = 100;
  ds::ui::LearnedModel model;
  model.model = std::make_shared<ds::MlpDenoiser>(arch, 11);
  model.schedule.steps = 100;
  model.dim = 1;
  model.dataSource = QStringLiteral("toy");
  model.dataName = QStringLiteral("mixture1d");
  model.description = QStringLiteral("untrained test MLP");
  ds::ui::ModelStore::instance()->publish(model);
  auto* box = child<ds::ui::DenoiserBox>(lesson.get(), QStringLiteral("denoiser1d"));
  box->setLearned(true);
  ASSERT_TRUE(lesson->document()->isLocked());
  EXPECT_EQ(lesson->document()->setup().schedule.steps, 100);
  EXPECT_NE(lesson->document()->setup().learned, nullptr);
  EXPECT_FALSE(child<QSpinBox>(shared(QStringLiteral("processBox")), QStringLiteral("steps"))->isEnabled());
  settle();
  const auto result = vlb->result();
  ASSERT_NE(result->request.learned, nullptr);
  EXPECT_EQ(result->terms.size(), 101u);
  EXPECT_GT(result->vlb, result->nll);
  EXPECT_GT(result->vlb, exact + 0.5);
  EXPECT_TRUE(child<QLabel>(vlb, QStringLiteral("vlbSummary"))->text().contains(QStringLiteral("learned")));

  // A lesson file cannot be opened while the model locks the set-up.
  QString error;
  EXPECT_FALSE(lesson->applyState(lesson->saveState(), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("exact")));

  box->setLearned(false);
  EXPECT_FALSE(lesson->document()->isLocked());
  settle();
  EXPECT_EQ(vlb->result()->request.learned, nullptr);
  EXPECT_EQ(vlb->result()->terms.size(), 201u);
}

}  // namespace
