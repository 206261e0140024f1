#include "ui/widgets/denoiserbox.h"

#include "core/data/toys.h"
#include "ui/modelstore.h"

#include <QComboBox>
#include <QLabel>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ds::ui {

namespace {

// The Gaussian mixture a learned model was trained on, when the model can be compared with the
// exact denoiser of a `dim`-D lesson: trained on the "mixture1d"/"mixture2d" toy or a --gmm spec,
// in data coordinates (no normalisation). Otherwise std::nullopt, and *why says why in a sentence.
std::optional<GaussianMixture> comparableMixture(const LearnedModel& model, int dim, QString* why) {
  auto fail = [&](const QString& message) -> std::optional<GaussianMixture> {
    if (why) *why = message;
    return std::nullopt;
  };
  if (!model.model || !model.denoiser) return fail(QObject::tr("No learned model yet."));
  if (model.dim != dim)
    return fail(QObject::tr("The learned model is %1-D; this lesson is %2-D.").arg(model.dim).arg(dim));
  const bool shifted = std::any_of(model.shift.begin(), model.shift.end(), [](double v) { return v != 0.0; });
  if (shifted || model.scale != 1.0)
    return fail(QObject::tr("The learned model was trained on normalised points, not on a Gaussian mixture."));
  std::optional<GaussianMixture> mixture;
  try {
    if (model.dataSource == QLatin1String("toy")) mixture = toyMixture(model.dataName.toStdString());
    else if (model.dataSource == QLatin1String("gmm")) mixture = GaussianMixture::parse(model.dataName.toStdString());
  } catch (const std::exception&) {
    mixture.reset();
  }
  if (!mixture)
    return fail(QObject::tr("The learned model was trained on “%1”, which has no exact denoiser to compare with. "
                            "Train on the %2-D mixture in the Train lesson.")
                    .arg(model.dataName)
                    .arg(dim));
  if (mixture->dim() != dim) return fail(QObject::tr("The learned model's mixture is %1-D.").arg(mixture->dim()));
  if (why) why->clear();
  return mixture;
}

}  // namespace

DenoiserBox::DenoiserBox(int dim, QWidget* parent) : QGroupBox(tr("Denoiser ε̂(xₜ, t)"), parent), m_dim(dim) {
  setToolTip(
      tr("What predicts the noise in the reverse chain p(xₜ₋₁ | xₜ): the exact E[ε | xₜ] of the mixture "
         "(a perfectly trained model), or a network ε_θ trained in the Train lesson, drawn next to the "
         "exact one."));
  m_combo = new QComboBox(this);
  m_combo->addItem(tr("Exact E[ε | xₜ]"));
  m_combo->addItem(tr("Learned ε_θ vs exact"));
  m_combo->setToolTip(toolTip());
  m_info = new QLabel(this);
  m_info->setWordWrap(true);
  m_info->setTextFormat(Qt::RichText);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_combo);
  layout->addWidget(m_info);

  connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
    refresh();
    Q_EMIT changed();
  });
  connect(ModelStore::instance(), &ModelStore::modelChanged, this, [this] {
    const bool wasLearned = isLearned();
    refresh();
    if (wasLearned && isLearned()) Q_EMIT modelUpdated();
    else if (wasLearned) Q_EMIT changed();  // fell back to exact
  });
  refresh();
}

DenoiserBox::~DenoiserBox() = default;

bool DenoiserBox::isLearned() const { return m_combo->currentIndex() == 1 && m_model != nullptr; }

void DenoiserBox::setLearned(bool on) { m_combo->setCurrentIndex(on && m_model ? 1 : 0); }

void DenoiserBox::refresh() {
  const std::shared_ptr<const LearnedModel> current = ModelStore::instance()->current();
  QString why;
  std::optional<GaussianMixture> mixture;
  if (current) mixture = comparableMixture(*current, m_dim, &why);
  else
    why = tr("No learned model yet: train one on the %1-D mixture in the Train lesson, or load a checkpoint there.")
              .arg(m_dim);
  m_model = mixture ? current : nullptr;
  if (mixture) m_mixture = *mixture;

  // The learned item is disabled (not hidden) while there is nothing to compare.
  if (auto* items = qobject_cast<QStandardItemModel*>(m_combo->model())) {
    if (QStandardItem* item = items->item(1)) item->setEnabled(m_model != nullptr);
  }
  if (!m_model && m_combo->currentIndex() == 1) {
    const QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(0);
  }
  if (m_model) {
    QString text = m_model->description.toHtmlEscaped();
    if (std::isfinite(m_model->slicedW2) && m_model->slicedW2 > 0)
      text += tr(" · sliced W₂ %1").arg(m_model->slicedW2, 0, 'g', 3);
    if (isLearned())
      text +=
          tr("<br>Data and schedule are the model's (T = %1): locked while it is in use.").arg(m_model->schedule.steps);
    m_info->setText(text);
  } else {
    m_info->setText(QStringLiteral("<i>%1</i>").arg(why.toHtmlEscaped()));
  }
}

}  // namespace ds::ui
