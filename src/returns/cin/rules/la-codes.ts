/**
 * DfE three-digit local authority numbers (the "old LA codes" used in UPNs and in every
 * DfE collection header), including authorities since merged or abolished, because a
 * UPN keeps the number of the authority that issued it. Source: DfE "Get information
 * about schools" LA list and its predecessors (EduBase); Welsh authorities' numbers from
 * the Welsh Government's school census, since pupils move across the border.
 */
const ENGLAND = [
  // Inner London
  201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213,
  // Outer London
  301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320,
  // Metropolitan districts
  330, 331, 332, 333, 334, 335, 336, 340, 341, 342, 343, 344, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 380,
  381, 382, 383, 384, 390, 391, 392, 393, 394,
  // Isles of Scilly
  420,
  // Shire counties and unitary authorities
  800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815, 816, 820, 821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 838, 839,
  840, 841, 845, 846, 850, 851, 852, 855, 856, 857, 860, 861, 865, 866, 867, 868, 869, 870, 871, 872, 873, 874, 876, 877, 878, 879, 880,
  881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896, 908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933,
  935, 936, 937, 938, 940, 941, 942, 943,
];

const WALES = [660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671, 672, 673, 674, 675, 676, 677, 678, 679, 680, 681];

export const LA_CODES: ReadonlySet<string> = new Set([...ENGLAND, ...WALES].map((n) => String(n).padStart(3, '0')));

/**
 * The "pseudo LA" codes DfE's rule 1530 also accepts in characters 2 to 4 of a UPN ("a valid
 * post April 1998 LA code or a recognised 'pseudo LA' code": 001-005 and 701-708). They are
 * not authorities, so they are kept apart from LA_CODES.
 */
export const PSEUDO_LA_CODES: ReadonlySet<string> = new Set(
  [1, 2, 3, 4, 5, 701, 702, 703, 704, 705, 706, 707, 708].map((n) => String(n).padStart(3, '0')),
);
