// The Inpaint 2-D lesson: a job with small n fills one KS label per method; on the correlated 90/10
// preset at x₂ = 2 replace is far from the exact conditional and the conditioned model is not;
// dragging the observation line (and the arrow keys) edit the document's c undoably; scrubbing
// moves the path markers; the CSV export; presentation mode; a bad spec; hiding a method.

#include "core/eval/inpaint2d.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/inpaint2d/conditionalpanel.h"
#include "ui/lessons/inpaint2d/inpaint2ddocument.h"
#include "ui/lessons/inpaint2d/inpaint2djobs.h"
#include "ui/lessons/inpaint2d/inpaint2dplane.h"
#include "ui/lessons/inpaint2d/lessoninpaint2d.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <qcustomplot.h>

using ds::InpaintMethod;
using ds::ui::Inpaint2DPlane;
using ds::ui::LessonInpaint2D;

namespace {

constexpr int kJobTimeoutMs = 60000;

template <class T>
T* child(const QObject* parent, const QString& name) {
  T* found = parent->findChild<T*>(name);
  EXPECT_NE(found, nullptr) << "no child named " << name.toStdString();
  return found;
}

class LessonInpaint2DTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.setPreference(QStringLiteral("cpu"));
    lesson = std::make_unique<LessonInpaint2D>(&context);
    // Small and quick; set while hidden, so only one job runs (when shown).
    lesson->document()->setSamples(400);
    lesson->document()->setDdim(true);
    lesson->document()->setDdimSteps(50);
    lesson->resize(1000, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    settle();
    ASSERT_TRUE(lesson->hasResult());
    plane = child<Inpaint2DPlane>(lesson.get(), QStringLiteral("plane"));
    ASSERT_NE(plane, nullptr);
  }
  void TearDown() override { lesson.reset(); }

  void settle() {
    ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
    QApplication::processEvents();
  }
  QLabel* ksLabel(const char* key) const { return child<QLabel>(lesson.get(), QStringLiteral("ks_") + key); }
  // The number after "KS" and a (non-breaking) space in a method's label (rich text).
  double shownKs(const char* key) const {
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("KS(?: |&nbsp;)([0-9.e-]+)")).match(ksLabel(key)->text());
    EXPECT_TRUE(m.hasMatch()) << ksLabel(key)->text().toStdString();
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
  }
  QPoint pixelOf(double x, double y) const {
    QCustomPlot* plot = plane->plot();
    plot->replot();
    return QPoint(static_cast<int>(plot->xAxis->coordToPixel(x)), static_cast<int>(plot->yAxis->coordToPixel(y)));
  }
  std::vector<double> headPoints(InpaintMethod method) const {
    std::vector<double> out;
    auto data = plane->heads(method)->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it) {
      out.push_back(it->key);
      out.push_back(it->value);
    }
    return out;
  }

  ds::ui::ComputeContext context;
  std::unique_ptr<LessonInpaint2D> lesson;
  Inpaint2DPlane* plane = nullptr;
};

TEST_F(LessonInpaint2DTest, ShowsAKsLabelPerMethod) {
  EXPECT_EQ(lesson->id(), "inpaint2d");
  for (const char* key : {"replace", "repaint", "conditioned"}) {
    EXPECT_TRUE(child<QWidget>(lesson.get(), QStringLiteral("panel_") + key)->isVisible()) << key;
    EXPECT_TRUE(ksLabel(key)->text().contains(QRegularExpression(QStringLiteral("KS(?: |&nbsp;)")))) << key;
    EXPECT_GE(shownKs(key), 0.0) << key;
    EXPECT_EQ(plane->finals(InpaintMethod::Replace)->data()->size(), 400);
  }
  const auto result = lesson->result();
  ASSERT_EQ(result->inpaint->methods.size(), 3u);
  EXPECT_EQ(result->request.n, 400);
  EXPECT_EQ(result->request.kind, ds::SamplerKind::Ddim);
}

TEST_F(LessonInpaint2DTest, ReplaceIsFarFromExactOnCorrelatedClusters) {
  // The start-up preset: 0.9:-2,-2:0.4;0.1:2,2:0.4 observed at x₂ = 2.
  ASSERT_EQ(lesson->document()->settings().mixture.toSpec(), "0.9:-2,-2:0.4;0.1:2,2:0.4");
  ASSERT_EQ(lesson->document()->settings().value, 2.0);
  const double replace = shownKs("replace"), conditioned = shownKs("conditioned");
  const double critical = lesson->result()->inpaint->ksCritical1;
  EXPECT_GT(replace, 3 * critical);
  EXPECT_GT(replace, 3 * conditioned);
  EXPECT_TRUE(ksLabel("replace")->text().contains(QStringLiteral("far from exact")));
  EXPECT_TRUE(ksLabel("conditioned")->text().contains(QStringLiteral("within sampling error")))
      << ksLabel("conditioned")->text().toStdString();
}

TEST_F(LessonInpaint2DTest, DraggingTheLineMovesTheObservationUndoably) {
  const quint64 before = lesson->resultGeneration();
  QCustomPlot* plot = plane->plot();
  QTest::mousePress(plot, Qt::LeftButton, {}, pixelOf(0, 0.5));
  QTest::mouseMove(plot, pixelOf(0, -0.5));
  EXPECT_TRUE(plane->isDragging());
  EXPECT_NEAR(plane->lineValue(), -0.5, 0.06);           // the line follows the mouse
  EXPECT_EQ(lesson->document()->settings().value, 2.0);  // nothing committed yet
  QTest::mouseRelease(plot, Qt::LeftButton, {}, pixelOf(0, -1.0));
  EXPECT_FALSE(plane->isDragging());
  EXPECT_NEAR(lesson->document()->settings().value, -1.0, 0.06);
  settle();
  EXPECT_GT(lesson->resultGeneration(), before);
  EXPECT_NEAR(lesson->result()->inpaint->value, lesson->document()->settings().value, 1e-12);
  // The final samples now lie on the new line.
  EXPECT_NEAR(plane->finals(InpaintMethod::Conditioned)->data()->at(0)->value, lesson->document()->settings().value,
              1e-9);
  lesson->document()->undoStack()->undo();
  EXPECT_EQ(lesson->document()->settings().value, 2.0);
  EXPECT_EQ(plane->lineValue(), 2.0);
}

TEST_F(LessonInpaint2DTest, ArrowKeysNudgeTheLine) {
  plane->plot()->setFocus();
  QTest::keyClick(plane->plot(), Qt::Key_Down);
  EXPECT_NEAR(lesson->document()->settings().value, 1.9, 1e-12);
  QTest::keyClick(plane->plot(), Qt::Key_Up, Qt::ShiftModifier);
  EXPECT_NEAR(lesson->document()->settings().value, 2.4, 1e-12);
  lesson->document()->undoStack()->undo();
  EXPECT_NEAR(lesson->document()->settings().value, 1.9, 1e-12);
  settle();
}

TEST_F(LessonInpaint2DTest, ScrubbingMovesThePathMarkers) {
  lesson->setTimestep(0);
  const auto at0 = headPoints(InpaintMethod::Conditioned);
  ASSERT_EQ(at0.size(), 2u * ds::ui::kInpaintPaths);
  for (size_t i = 1; i < at0.size(); i += 2) EXPECT_NEAR(at0[i], 2.0, 1e-6);  // x₂ = c at t = 0
  lesson->setTimestep(1000);
  const auto atT = headPoints(InpaintMethod::Conditioned);
  ASSERT_EQ(atT.size(), at0.size());
  EXPECT_NE(atT, at0);
  EXPECT_EQ(plane->shownTimestep(), 1000);
  lesson->setTimestep(500);
  EXPECT_NE(headPoints(InpaintMethod::Replace), atT);
  EXPECT_EQ(plane->shownTimestep(), 500);  // DDIM-50 on T = 1000 records every 20th t
  lesson->setTimestep(509);
  EXPECT_EQ(plane->shownTimestep() % 20, 0);
}

TEST_F(LessonInpaint2DTest, ExportsTheFinalSamplesAsCsv) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString path = dir.filePath(QStringLiteral("samples.csv"));
  QString error;
  ASSERT_TRUE(lesson->exportParticlesCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 1 + 3 * 400);
  EXPECT_EQ(lines.front(), QStringLiteral("method,x,y"));
  EXPECT_TRUE(lines[1].startsWith(QStringLiteral("replace,")));
  EXPECT_TRUE(lines[401].startsWith(QStringLiteral("repaint,")));
  EXPECT_TRUE(lines.back().startsWith(QStringLiteral("conditioned,")));
  const QStringList fields = lines.back().split(QLatin1Char(','));
  ASSERT_EQ(fields.size(), 3);
  EXPECT_EQ(fields[2].toDouble(), 2.0);  // the observed x₂
  EXPECT_FALSE(lesson->exportParticlesCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(LessonInpaint2DTest, PresentationModeEnlargesFonts) {
  QLabel* title = ksLabel("replace");
  QCustomPlot* hist = child<QCustomPlot>(lesson.get(), QStringLiteral("plot_replace"));
  const int titlePt = title->font().pointSize();
  const int tickPt = hist->xAxis->tickLabelFont().pointSize();
  const int planeTickPt = plane->plot()->xAxis->tickLabelFont().pointSize();
  lesson->setPresentationMode(true);
  QApplication::processEvents();
  EXPECT_GT(title->font().pointSize(), titlePt);
  EXPECT_GT(hist->xAxis->tickLabelFont().pointSize(), tickPt);
  EXPECT_GT(plane->plot()->xAxis->tickLabelFont().pointSize(), planeTickPt);
  EXPECT_TRUE(ksLabel("replace")->text().contains(QStringLiteral("20pt")));
  lesson->grab();  // paints at presentation size without trouble
  lesson->setPresentationMode(false);
  EXPECT_EQ(title->font().pointSize(), titlePt);
  EXPECT_EQ(hist->xAxis->tickLabelFont().pointSize(), tickPt);
}

TEST_F(LessonInpaint2DTest, BadSpecIsShownAndChangesNothing) {
  auto* edit = child<QLineEdit>(lesson.get(), QStringLiteral("spec"));
  edit->setText(QStringLiteral("0.5:1:0.3"));  // 1-D
  QTest::keyClick(edit, Qt::Key_Return);
  auto* error = child<QLabel>(lesson.get(), QStringLiteral("specError"));
  EXPECT_TRUE(error->isVisible());
  EXPECT_TRUE(error->text().contains(QStringLiteral("2-D")));
  EXPECT_EQ(lesson->document()->settings().mixture.toSpec(), "0.9:-2,-2:0.4;0.1:2,2:0.4");
  EXPECT_FALSE(lesson->jobTracker()->isBusy());
}

TEST_F(LessonInpaint2DTest, HidingAMethodHidesItsPanel) {
  child<QCheckBox>(lesson.get(), QStringLiteral("show_repaint"))->click();
  EXPECT_FALSE(lesson->document()->settings().shown[1]);
  settle();
  EXPECT_FALSE(child<QWidget>(lesson.get(), QStringLiteral("panel_repaint"))->isVisible());
  EXPECT_EQ(lesson->result()->inpaint->methods.size(), 2u);
  EXPECT_EQ(plane->finals(InpaintMethod::Repaint)->data()->size(), 0);
  lesson->document()->undoStack()->undo();
  settle();
  EXPECT_TRUE(child<QWidget>(lesson.get(), QStringLiteral("panel_repaint"))->isVisible());
}

}  // namespace
