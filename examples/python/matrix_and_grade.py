"""Grade a shop's CRM (seed 000's ten questions) and draw its campaign matrix with live figures.

    LTVCRM_LIBRARY=build/libltvcrm.so PYTHONPATH=bindings/python \
        python3 examples/python/matrix_and_grade.py examples/data/orders.csv AABCDAABBA --lang ja
"""

import argparse

import ltvcrm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("answers", help="ten letters A-D, the answers to Q1..Q10")
    parser.add_argument("--lang", default="en", choices=["en", "ja"])
    parser.add_argument("--cpo", type=int, default=5000, help="cost per order of acquisition (yen)")
    args = parser.parse_args()

    ledger = ltvcrm.Ledger()
    ledger.load_csv(args.csv, decimals=0)

    grade = ltvcrm.grade(args.answers).attach_ledger(ledger, decimals=0)
    print(grade.title(args.lang))
    print(grade.summary(args.lang))
    for step in grade.steps(args.lang)[:3]:
        print(f"- Q{step.question} ({step.answer.name}): {step.text}")
        line = grade.figure_line(step.question, args.lang)
        if line:
            print(f"  {line}")
    print()

    matrix = ltvcrm.Matrix.template(args.lang, decimals=0, cell_width=24)
    with ledger.segment() as seg:
        matrix.figures_from(seg)
    matrix.set_acquisition(prospects=10_000, cpo=args.cpo)
    print(matrix.render("text", args.lang))


if __name__ == "__main__":
    main()
