// The 1-D and 2-D lessons with a learned denoiser: a network trained (here, in the test, with the
// same core Trainer the Train lesson uses) on the lessons' mixture is published through
// ModelStore; the lessons offer it only when it can be compared with the exact denoiser, adopt its
// data and schedule, run the reverse chain with it, and draw its −ε field and Gaussian step next to
// the exact ones. A trained network must agree with the exact denoiser far better than an
// untrained one.

#include "core/data/toys.h"
#include "core/models/mlp.h"
#include "core/runtime/rng.h"
#include "core/training/trainer.h"

#include "core/eval/mixtureeval.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture1d/lesson1d.h"
#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/lessons/mixture1d/mixturetable.h"
#include "ui/lessons/mixture1d/posteriorpanel.h"
#include "ui/lessons/mixture2d/lesson2d.h"
#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/lessons/mixture2d/mixture2djobs.h"
#include "ui/lessons/mixture2d/planeview.h"
#include "ui/lessons/mixture2d/posteriorview2d.h"
#include "ui/lessons/mixture2d/vectorfield.h"
#include "ui/modelstore.h"
#include "ui/widgets/denoiserbox.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cmath>
#include <cstdio>
#include <memory>

using ds::ui::LearnedModel;
using ds::ui::ModelStore;

namespace {

constexpr int kJobTimeoutMs = 180000;
constexpr int kSteps = 200;  // T of the test models (a short chain keeps the lesson jobs quick)

// A model of the named toy: trained for `iterations` steps (0 = freshly initialised).
LearnedModel makeModel(const std::string& toy, int iterations) {
  const ds::ToyInfo& info = ds::toyInfo(toy);
  ds::ScheduleSpec spec;
  spec.steps = kSteps;
  const ds::NoiseSchedule schedule(spec);
  ds::MlpConfig arch;
  arch.dim = info.dim;
  arch.hidden = 64;
  arch.layers = 3;
  arch.steps = kSteps;
  LearnedModel m;
  if (iterations > 0) {
    auto gen = ds::makeGenerator(3, at::kCPU);
    ds::TrainConfig cfg;
    cfg.seed = 5;
    ds::Trainer trainer(arch, schedule, ds::makeToy(toy, 8000, gen), cfg);
    const ds::TrainResult result = trainer.run(iterations);
    EXPECT_EQ(result.status, ds::TrainStatus::Completed);
    m.model = trainer.model();
  } else {
    m.model = std::make_shared<ds::MlpDenoiser>(arch, 11);
  }
  m.schedule = spec;
  m.dim = info.dim;
  m.dataSource = QStringLiteral("toy");
  m.dataName = QString::fromStdString(toy);
  m.description = QStringLiteral("test MLP on %1, %2 steps").arg(m.dataName).arg(iterations);
  return m;
}

// With DS_SHOT_DIR set, saves what the lesson shows (for looking at the layout by eye).
void maybeShoot(QWidget* w, const char* name) {
  const QString dir = qEnvironmentVariable("DS_SHOT_DIR");
  if (dir.isEmpty()) return;
  QApplication::processEvents();
  w->grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}

// Mean log-density: the average log q(x₀) of samples under the exact data density.
double meanLog(const std::vector<double>& densities) {
  double sum = 0;
  for (double d : densities) sum += std::log(std::max(d, 1e-300));
  return densities.empty() ? 0.0 : sum / static_cast<double>(densities.size());
}

// A named child of `parent` (widgets are found by objectName).
template <class T>
T* child(const QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QLatin1String(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

bool learnedItemEnabled(ds::ui::DenoiserBox* box) {
  auto* items = qobject_cast<QStandardItemModel*>(box->combo()->model());
  return items && items->item(1) && items->item(1)->isEnabled();
}

// Mean cosine between the exact and the learned arrows of the plane (arrows with a length).
double fieldAgreement(ds::ui::PlaneView* plane) {
  const auto& a = plane->field()->vectors();
  const auto& b = plane->learnedField()->vectors();
  EXPECT_EQ(a.size(), b.size());
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i + 1 < std::min(a.size(), b.size()); i += 2) {
    const double na = std::hypot(a[i], a[i + 1]), nb = std::hypot(b[i], b[i + 1]);
    if (na < 1e-9 || nb < 1e-9) continue;
    sum += (a[i] * b[i] + a[i + 1] * b[i + 1]) / (na * nb);
    ++n;
  }
  return n ? sum / n : 0.0;
}

class LearnedLessonsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    trained2d = new LearnedModel(makeModel("mixture2d", 2500));
    trained1d = new LearnedModel(makeModel("mixture1d", 2500));
  }
  static void TearDownTestSuite() {
    delete trained2d;
    delete trained1d;
  }
  void SetUp() override {
    ModelStore::instance()->clear();
    context.setPreference(QStringLiteral("cpu"));
  }
  void TearDown() override { ModelStore::instance()->clear(); }
  // Waits for the lesson's jobs, including one submitted when the previous one finished.
  static void settle(ds::ui::Lesson* lesson) {
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
      QApplication::processEvents();
    }
  }

  ds::ui::ComputeContext context;
  static LearnedModel* trained2d;
  static LearnedModel* trained1d;
};

LearnedModel* LearnedLessonsTest::trained2d = nullptr;
LearnedModel* LearnedLessonsTest::trained1d = nullptr;

TEST_F(LearnedLessonsTest, TwoDLessonComparesALearnedModelWithTheExactOne) {
  ds::ui::Lesson2D lesson(&context);
  lesson.resize(1200, 800);
  lesson.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&lesson));
  settle(&lesson);
  auto* box = child<ds::ui::DenoiserBox>(&lesson, "denoiser");
  auto* plane = child<ds::ui::PlaneView>(&lesson, "plane");
  auto* post = child<ds::ui::PosteriorView2D>(&lesson, "posterior");
  auto* spec = child<QLineEdit>(&lesson, "spec");
  ASSERT_TRUE(box && plane && post && spec);
  EXPECT_FALSE(learnedItemEnabled(box));
  EXPECT_FALSE(box->infoLabel()->text().isEmpty());

  // A model of data with no exact denoiser cannot be compared: offered disabled, with the reason.
  ModelStore::instance()->publish(makeModel("moons", 0));
  EXPECT_FALSE(learnedItemEnabled(box));
  EXPECT_TRUE(box->infoLabel()->text().contains(QStringLiteral("moons"))) << box->infoLabel()->text().toStdString();
  // So is a 1-D model in the 2-D lesson.
  ModelStore::instance()->publish(*trained1d);
  EXPECT_FALSE(learnedItemEnabled(box));

  ModelStore::instance()->publish(*trained2d);
  ASSERT_TRUE(learnedItemEnabled(box));
  box->combo()->setCurrentIndex(1);  // as a user picks it
  ASSERT_TRUE(box->isLearned());
  // The lesson adopts the model's data and schedule, and locks them.
  EXPECT_EQ(spec->text().toStdString(), ds::mixture2dPreset().toSpec());
  EXPECT_FALSE(spec->isEnabled());
  settle(&lesson);
  ASSERT_TRUE(lesson.showsLearned());
  EXPECT_EQ(lesson.schedule().steps(), kSteps);
  EXPECT_EQ(lesson.mixtureSpec().toStdString(), ds::mixture2dPreset().toSpec());

  // The learned −ε field is drawn next to the exact one and points the same way.
  lesson.setTimestep(kSteps / 2);
  ASSERT_TRUE(plane->learnedField()->visible());
  EXPECT_EQ(plane->learnedField()->arrowCount(), ds::ui::kFieldGrid * ds::ui::kFieldGrid);
  const double trainedAgreement = fieldAgreement(plane);
  EXPECT_GT(trainedAgreement, 0.8);

  // Reverse particles come from the learned model and end near the data.
  lesson.setDirection(ds::ui::Direction::Reverse);
  lesson.setTimestep(0);
  const std::vector<double> xy = lesson.particles();
  ASSERT_FALSE(xy.empty());
  const double logLik = meanLog(ds::density2D(ds::mixture2dPreset(), xy));
  EXPECT_GT(logLik, -3.5);  // the data's own entropy is ≈ −1.9 nats; N(0, I) samples score ≈ −4.8

  // k = 1 at a clicked x_t: the learned Gaussian step is drawn next to the perfect model's.
  lesson.document()->setPosteriorXt(1.0, -0.4);  // near the right-hand cluster
  lesson.document()->setJump(1);
  settle(&lesson);
  lesson.setTimestep(kSteps / 2);
  EXPECT_GT(post->perfectStepCurve()->dataCount(), 10);
  EXPECT_GT(post->learnedStepCurve()->dataCount(), 10);
  const double trainedError = post->learnedStepError();
  ASSERT_TRUE(std::isfinite(trainedError));
  maybeShoot(&lesson, "learned-2d.png");

  // An untrained network of the same shape agrees much worse. It arrives while a chain is being
  // computed (as snapshots do during training): the running job is not superseded, the lesson
  // recomputes with the new snapshot once it is done.
  lesson.regenerate();
  ASSERT_TRUE(lesson.jobTracker()->isBusy());
  const quint64 running = lesson.jobTracker()->currentJobId();
  LearnedModel untrained = makeModel("mixture2d", 0);
  ModelStore::instance()->publish(untrained);
  ASSERT_TRUE(box->isLearned());
  EXPECT_EQ(lesson.jobTracker()->currentJobId(), running);
  settle(&lesson);
  lesson.setTimestep(kSteps / 2);
  const double untrainedAgreement = fieldAgreement(plane);
  ASSERT_EQ(post->jump(), 1);
  EXPECT_LT(untrainedAgreement, trainedAgreement - 0.2);
  const double untrainedError = post->learnedStepError();
  ASSERT_TRUE(std::isfinite(untrainedError));
  EXPECT_LT(trainedError, 0.5 * untrainedError) << trainedError << " vs " << untrainedError;
  std::printf(
      "[ figures  ] 2-D: field cosine trained %.3f untrained %.3f; step error trained %.3f untrained %.3f; "
      "reverse log-lik %.3f\n",
      trainedAgreement, untrainedAgreement, trainedError, untrainedError, logLik);

  // Back to exact: controls unlocked, no learned overlays.
  box->combo()->setCurrentIndex(0);
  EXPECT_TRUE(spec->isEnabled());
  settle(&lesson);
  EXPECT_FALSE(lesson.showsLearned());
  EXPECT_FALSE(plane->learnedField()->visible());
  EXPECT_EQ(post->learnedStepCurve()->dataCount(), 0);

  // The model disappears while learned mode is on: the lesson falls back to exact.
  box->combo()->setCurrentIndex(1);
  settle(&lesson);
  ASSERT_TRUE(lesson.showsLearned());
  ModelStore::instance()->clear();
  EXPECT_FALSE(box->isLearned());
  settle(&lesson);
  EXPECT_FALSE(lesson.showsLearned());
}

TEST_F(LearnedLessonsTest, OneDLessonShowsTheLearnedGaussianStep) {
  ds::ui::Lesson1D lesson(&context);
  lesson.resize(1200, 800);
  lesson.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&lesson));
  settle(&lesson);
  auto* box = child<ds::ui::DenoiserBox>(&lesson, "denoiser");
  ASSERT_NE(box, nullptr);
  ModelStore::instance()->publish(*trained2d);
  EXPECT_FALSE(learnedItemEnabled(box));  // a 2-D model in the 1-D lesson
  ModelStore::instance()->publish(*trained1d);
  ASSERT_TRUE(learnedItemEnabled(box));
  box->setLearned(true);
  EXPECT_FALSE(child<ds::ui::MixtureTable>(&lesson, "mixtureTable")->isEnabled());
  EXPECT_FALSE(child<QSpinBox>(&lesson, "steps")->isEnabled());
  settle(&lesson);
  ASSERT_TRUE(lesson.showsLearned());
  EXPECT_EQ(lesson.schedule().steps(), kSteps);

  auto* panel = child<ds::ui::PosteriorPanel>(&lesson, "posterior");
  ASSERT_NE(panel, nullptr);
  lesson.setTimestep(10);
  lesson.document()->setJump(1);
  child<QDoubleSpinBox>(panel, "posteriorXt")->setValue(0.5);
  settle(&lesson);  // ε_θ at the new x_t is a job
  EXPECT_GT(child<QCPGraph>(panel, "learnedStepGraph")->dataCount(), 100);
  const double trainedError = panel->learnedStepError();
  ASSERT_TRUE(std::isfinite(trainedError));
  EXPECT_LT(trainedError, 1.5);  // within 1.5 posterior σ of the perfect model's step
  maybeShoot(&lesson, "learned-1d.png");

  // Moving x_t elsewhere recomputes the learned step there (a job; the old one shows meanwhile).
  child<QDoubleSpinBox>(panel, "posteriorXt")->setValue(-1.2);
  EXPECT_DOUBLE_EQ(panel->shownXt(), 0.5);
  settle(&lesson);
  EXPECT_DOUBLE_EQ(panel->shownXt(), -1.2);
  EXPECT_TRUE(std::isfinite(panel->learnedStepError()));
  EXPECT_NE(panel->learnedStepError(), trainedError);

  // Reverse particles of the learned model reproduce the two modes' balance roughly.
  lesson.setDirection(ds::ui::Direction::Reverse);
  lesson.setTimestep(0);
  const std::vector<double> xs = lesson.particles();
  ASSERT_FALSE(xs.empty());
  const auto data = ds::GaussianMixture::lectureBimodal();
  const double logLik = meanLog(ds::density1D(data, xs));
  double entropy = 0;  // −E_data[log p] by the same estimator on data samples
  {
    auto gen = ds::makeGenerator(9, at::kCPU);
    const at::Tensor s = data.sample(4000, gen, at::kCPU).to(at::kDouble).contiguous();
    std::vector<double> v(s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
    entropy = -meanLog(ds::density1D(data, v));
  }
  EXPECT_GT(logLik, -entropy - 0.5) << "log-likelihood " << logLik << ", data entropy " << entropy;
  std::printf("[ figures  ] 1-D: step error trained %.3f σ; reverse log-lik %.3f (data −entropy %.3f)\n", trainedError,
              logLik, -entropy);
}

}  // namespace
