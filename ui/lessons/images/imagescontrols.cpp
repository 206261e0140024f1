#include "ui/lessons/images/imagescontrols.h"

#include "ui/lessons/images/imagesdocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ds::ui {

QString fashionClassName(int label) {
  switch (label) {
    case 0:
      return QObject::tr("T-shirt/top");
    case 1:
      return QObject::tr("Trouser");
    case 2:
      return QObject::tr("Pullover");
    case 3:
      return QObject::tr("Dress");
    case 4:
      return QObject::tr("Coat");
    case 5:
      return QObject::tr("Sandal");
    case 6:
      return QObject::tr("Shirt");
    case 7:
      return QObject::tr("Sneaker");
    case 8:
      return QObject::tr("Bag");
    case 9:
      return QObject::tr("Ankle boot");
    default:
      return QObject::tr("any class");
  }
}

QString fashionClassShortName(int label) {
  switch (label) {
    case 0:
      return QObject::tr("T-shirt");
    case 9:
      return QObject::tr("Boot");
    default:
      return fashionClassName(label);
  }
}

namespace {

QSpinBox* spinBox(QWidget* parent, const QString& name, int lo, int hi, int value, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(name);
  box->setRange(lo, hi);
  box->setValue(value);
  box->setKeyboardTracking(false);  // one committed edit = one new job
  box->setToolTip(tip);
  return box;
}

QComboBox* classCombo(QWidget* parent, const QString& name, bool anyClass) {
  auto* combo = new QComboBox(parent);
  combo->setObjectName(name);
  if (anyClass) combo->addItem(fashionClassName(-1), -1);
  for (int c = 0; c < 10; ++c) combo->addItem(fashionClassName(c), c);
  return combo;
}

}  // namespace

SamplerSettingsBox::SamplerSettingsBox(const QString& title, const QString& namePrefix, QWidget* parent)
    : QGroupBox(title, parent) {
  setObjectName(namePrefix);
  m_guidance = new QComboBox(this);
  m_guidance->setObjectName(namePrefix + QStringLiteral("Guidance"));
  m_guidance->addItem(tr("None (conditional)"), int(ImageGuidance::None));
  m_guidance->addItem(tr("Classifier-free"), int(ImageGuidance::ClassifierFree));
  m_guidance->addItem(tr("Classifier"), int(ImageGuidance::Classifier));
  m_guidance->addItem(tr("Unconditional (no class)"), int(ImageGuidance::Unconditional));
  m_guidance->setToolTip(
      tr("None: the model given the class, ε(x, y).\n"
         "Classifier-free: ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)); w = 1 is the conditional model, w > 1 sharpens the class.\n"
         "Classifier: the unconditional model pushed by s·∇log p(y | xₜ) of a noisy classifier.\n"
         "Unconditional: the null label, any class."));
  m_scale = new QDoubleSpinBox(this);
  m_scale->setObjectName(namePrefix + QStringLiteral("Scale"));
  m_scale->setRange(0, 20);
  m_scale->setSingleStep(0.5);
  m_scale->setDecimals(1);
  m_scale->setKeyboardTracking(false);
  m_scale->setToolTip(tr("Guidance scale: w for classifier-free guidance, s for classifier guidance."));
  m_sampler = new QComboBox(this);
  m_sampler->setObjectName(namePrefix + QStringLiteral("Sampler"));
  m_sampler->addItem(tr("DDIM"), int(SamplerKind::Ddim));
  m_sampler->addItem(tr("DDPM (all T steps)"), int(SamplerKind::Ddpm));
  m_sampler->setToolTip(tr("DDIM takes a few large deterministic steps; DDPM takes all T ancestral steps (slow)."));
  m_steps = spinBox(this, namePrefix + QStringLiteral("Steps"), 1, 1000, 50, tr("DDIM steps"));
  m_eta = new QDoubleSpinBox(this);
  m_eta->setObjectName(namePrefix + QStringLiteral("Eta"));
  m_eta->setRange(0, 1);
  m_eta->setSingleStep(0.1);
  m_eta->setKeyboardTracking(false);
  m_eta->setToolTip(tr("DDIM η: 0 is deterministic, 1 adds as much noise per step as DDPM."));

  auto* form = new QFormLayout(this);
  form->addRow(tr("Guidance"), m_guidance);
  form->addRow(tr("Scale"), m_scale);
  form->addRow(tr("Sampler"), m_sampler);
  form->addRow(tr("Steps"), m_steps);
  form->addRow(tr("η"), m_eta);

  connect(m_guidance, &QComboBox::currentIndexChanged, this, [this] {
    // A new guidance kind starts at its own default scale (3 for classifier-free, 10 for classifier).
    const QSignalBlocker block(m_scale);
    m_scale->setValue(defaultGuidanceScale(ImageGuidance(m_guidance->currentData().toInt())));
    enableFields();
    Q_EMIT edited();
  });
  connect(m_sampler, &QComboBox::currentIndexChanged, this, [this] {
    enableFields();
    Q_EMIT edited();
  });
  connect(m_scale, &QDoubleSpinBox::valueChanged, this, &SamplerSettingsBox::edited);
  connect(m_steps, &QSpinBox::valueChanged, this, &SamplerSettingsBox::edited);
  connect(m_eta, &QDoubleSpinBox::valueChanged, this, &SamplerSettingsBox::edited);
  enableFields();
}

ImageSamplerSettings SamplerSettingsBox::settings() const {
  ImageSamplerSettings s;
  s.guidance = ImageGuidance(m_guidance->currentData().toInt());
  s.scale = m_scale->isEnabled() ? m_scale->value() : 0.0;
  s.sampler = SamplerKind(m_sampler->currentData().toInt());
  s.samplingSteps = m_steps->value();
  s.eta = m_eta->value();
  return s;
}

void SamplerSettingsBox::setSettings(const ImageSamplerSettings& s) {
  const QSignalBlocker b1(m_guidance), b2(m_scale), b3(m_sampler), b4(m_steps), b5(m_eta);
  m_guidance->setCurrentIndex(m_guidance->findData(int(s.guidance)));
  m_scale->setValue(s.scale);
  m_sampler->setCurrentIndex(m_sampler->findData(int(s.sampler)));
  m_steps->setValue(s.samplingSteps);
  m_eta->setValue(s.eta);
  enableFields();
}

void SamplerSettingsBox::enableFields() {
  const auto g = ImageGuidance(m_guidance->currentData().toInt());
  m_scale->setEnabled(g == ImageGuidance::ClassifierFree || g == ImageGuidance::Classifier);
  const bool ddim = SamplerKind(m_sampler->currentData().toInt()) == SamplerKind::Ddim;
  m_steps->setEnabled(ddim);
  m_eta->setEnabled(ddim);
}

ImagesControls::ImagesControls(ImagesDocument* document, QWidget* parent) : QWidget(parent), m_doc(document) {
  m_model = new QLabel(this);
  m_model->setObjectName(QStringLiteral("modelInfo"));
  m_model->setWordWrap(true);
  m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("status"));
  m_status->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildForwardBox());
  layout->addWidget(buildReverseBox());
  layout->addWidget(m_model);
  layout->addWidget(m_status);
  layout->addStretch(1);
  showDocument();
  connect(m_doc, &ImagesDocument::forwardChanged, this, &ImagesControls::showDocument);
  connect(m_doc, &ImagesDocument::reverseChanged, this, &ImagesControls::showDocument);
}

QWidget* ImagesControls::buildForwardBox() {
  auto* box = new QGroupBox(tr("Forward: real images x₀"), this);
  m_forwardClass = classCombo(box, QStringLiteral("forwardClass"), true);
  m_forwardClass->setToolTip(tr("Noise pictures of this Fashion-MNIST class (test set), or of any class."));
  m_forwardCount =
      spinBox(box, QStringLiteral("forwardCount"), 1, 16, 8, tr("How many images the forward chain noises"));
  m_forwardSeed = spinBox(box, QStringLiteral("forwardSeed"), 0, 1'000'000, 1,
                          tr("Chooses the images and the noise of the forward chain"));
  m_otherImages = new QPushButton(tr("Other images"), box);
  m_otherImages->setObjectName(QStringLiteral("otherImages"));
  m_otherImages->setToolTip(tr("Pick other pictures (the next seed)."));
  auto* form = new QFormLayout(box);
  form->addRow(tr("Class"), m_forwardClass);
  form->addRow(tr("Images"), m_forwardCount);
  form->addRow(tr("Seed"), m_forwardSeed);
  form->addRow(m_otherImages);
  connect(m_forwardClass, &QComboBox::currentIndexChanged, this, &ImagesControls::editForward);
  connect(m_forwardCount, &QSpinBox::valueChanged, this, &ImagesControls::editForward);
  connect(m_forwardSeed, &QSpinBox::valueChanged, this, &ImagesControls::editForward);
  connect(m_otherImages, &QPushButton::clicked, this, [this] { m_forwardSeed->setValue(m_forwardSeed->value() + 1); });
  return box;
}

QWidget* ImagesControls::buildReverseBox() {
  auto* box = new QGroupBox(tr("Reverse: sampling"), this);
  m_class = classCombo(box, QStringLiteral("sampleClass"), false);
  m_class->setToolTip(tr("The class y the samples are conditioned on."));
  m_samples = spinBox(box, QStringLiteral("sampleCount"), 1, 64, 16, tr("Samples per setting"));
  m_seed = spinBox(box, QStringLiteral("sampleSeed"), 0, 1'000'000, 0,
                   tr("The starting noise x_T and every draw of the sampler; both settings share it."));
  m_a = new SamplerSettingsBox(tr("Setting A"), QStringLiteral("settingA"), box);
  m_compare = new QCheckBox(tr("Compare with setting B"), box);
  m_compare->setObjectName(QStringLiteral("compare"));
  m_compare->setToolTip(tr("Run a second setting from the same x_T and seed and show it beside A."));
  m_b = new SamplerSettingsBox(tr("Setting B (same seed and x_T)"), QStringLiteral("settingB"), box);
  m_sample = new QPushButton(tr("Sample"), box);
  m_sample->setObjectName(QStringLiteral("sample"));
  m_sample->setToolTip(tr("Run the reverse chain again with these settings (also runs on every change)."));
  auto* form = new QFormLayout;
  form->addRow(tr("Class"), m_class);
  form->addRow(tr("Samples"), m_samples);
  form->addRow(tr("Seed"), m_seed);
  auto* layout = new QVBoxLayout(box);
  layout->addLayout(form);
  layout->addWidget(m_a);
  layout->addWidget(m_compare);
  layout->addWidget(m_b);
  layout->addWidget(m_sample);
  connect(m_class, &QComboBox::currentIndexChanged, this, &ImagesControls::editReverse);
  connect(m_samples, &QSpinBox::valueChanged, this, &ImagesControls::editReverse);
  connect(m_seed, &QSpinBox::valueChanged, this, &ImagesControls::editReverse);
  connect(m_a, &SamplerSettingsBox::edited, this, &ImagesControls::editReverse);
  connect(m_b, &SamplerSettingsBox::edited, this, &ImagesControls::editReverse);
  connect(m_compare, &QCheckBox::toggled, this, &ImagesControls::editReverse);
  connect(m_sample, &QPushButton::clicked, this, &ImagesControls::sampleRequested);
  return box;
}

void ImagesControls::editForward() {
  ImagesForwardSettings f;
  f.label = m_forwardClass->currentData().toInt();
  f.count = m_forwardCount->value();
  f.seed = std::uint64_t(m_forwardSeed->value());
  m_doc->setForward(f);
}

void ImagesControls::editReverse() {
  ImagesReverseSettings r;
  r.label = m_class->currentData().toInt();
  r.n = m_samples->value();
  r.seed = std::uint64_t(m_seed->value());
  r.a = m_a->settings();
  r.compare = m_compare->isChecked();
  r.b = m_b->settings();
  m_doc->setReverse(r);
}

void ImagesControls::showDocument() {
  const ImagesForwardSettings& f = m_doc->forward();
  const ImagesReverseSettings& r = m_doc->reverse();
  const QSignalBlocker b1(m_forwardClass), b2(m_forwardCount), b3(m_forwardSeed), b4(m_class), b5(m_samples),
      b6(m_seed), b7(m_compare);
  m_forwardClass->setCurrentIndex(m_forwardClass->findData(f.label));
  m_forwardCount->setValue(f.count);
  m_forwardSeed->setValue(int(f.seed));
  m_class->setCurrentIndex(m_class->findData(r.label));
  m_samples->setValue(r.n);
  m_seed->setValue(int(r.seed));
  m_a->setSettings(r.a);
  m_compare->setChecked(r.compare);
  m_b->setSettings(r.b);
  m_b->setEnabled(r.compare);
}

void ImagesControls::setStatus(const QString& html) { m_status->setText(html); }
void ImagesControls::setModelInfo(const QString& html) { m_model->setText(html); }

}  // namespace ds::ui
