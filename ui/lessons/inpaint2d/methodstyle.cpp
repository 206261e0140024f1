#include "ui/lessons/inpaint2d/methodstyle.h"

#include <QCoreApplication>

namespace ds::ui {

namespace {
// The method names belong to the 2-D inpainting lesson's texts (lupdate files a free function's
// tr() under its namespace, so the context is named here).
struct Inpaint2DText {
  Q_DECLARE_TR_FUNCTIONS(ds::ui::LessonInpaint2D)
};
}  // namespace

int methodIndex(InpaintMethod method) {
  switch (method) {
    case InpaintMethod::Replace:
      return 0;
    case InpaintMethod::Repaint:
      return 1;
    case InpaintMethod::Conditioned:
      return 2;
  }
  return 0;
}

QString methodKey(InpaintMethod method) { return QString::fromStdString(toString(method)); }

QString methodTitle(InpaintMethod method) {
  switch (method) {
    case InpaintMethod::Replace:
      return Inpaint2DText::tr("Replace");
    case InpaintMethod::Repaint:
      return Inpaint2DText::tr("RePaint");
    case InpaintMethod::Conditioned:
      return Inpaint2DText::tr("Conditioned model");
  }
  return {};
}

QColor methodColor(InpaintMethod method) {
  // Red for the naive method, orange for its repair, green for the one that is exact.
  switch (method) {
    case InpaintMethod::Replace:
      return QColor(214, 39, 40);
    case InpaintMethod::Repaint:
      return QColor(230, 120, 0);
    case InpaintMethod::Conditioned:
      return QColor(30, 140, 30);
  }
  return Qt::black;
}

QString methodExplanation(InpaintMethod method) {
  switch (method) {
    case InpaintMethod::Replace:
      return Inpaint2DText::tr(
          "Replace: after every reverse step the known coordinate is overwritten by a noised copy of c, so "
          "the model only ever sees a hazy context; it works okay but can commit to the wrong answer.");
    case InpaintMethod::Repaint:
      return Inpaint2DText::tr(
          "RePaint: the same replacement, but every block of j steps is noised back and run r times, giving "
          "the unknown part more chances to agree with the context (Lugmayr et al. 2022).");
    case InpaintMethod::Conditioned:
      return Inpaint2DText::tr(
          "Conditioned: a model trained to fill in removed parts sees the clear context x = c at every "
          "step; here it is the exact conditional denoiser, so it samples the truth.");
  }
  return {};
}

}  // namespace ds::ui
