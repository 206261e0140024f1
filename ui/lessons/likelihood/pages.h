#pragma once
// The pages of the Likelihood & score lesson, in tab order (pages.cpp).

#include <vector>

class QWidget;

namespace ds::ui {

class ComputeContext;
class LikelihoodPanel;

std::vector<LikelihoodPanel*> createLikelihoodPages(ComputeContext* context, QWidget* parent);

}  // namespace ds::ui
