; kprobe:vfs_read: 30 instructions, 33 slots
probe:
	 0: LdXMemDW dst: r2 src: r1 off: 96 imm: 0
	 1: JGTImm dst: r2 off: -1 imm: 0 <body_2>
	 2: MovImm dst: r0 imm: 0
	 3: Exit
body_2:
	 4: LdXMemDW dst: r6 src: r1 off: 96 imm: 0
	 5: LdImmDW dst: r1 imm: 7233174018435802742
	 7: StXMemDW dst: rfp src: r1 off: -16 imm: 0
	 8: StMemB dst: rfp src: r0 off: -8 imm: 0
	 9: StMemB dst: rfp src: r0 off: -7 imm: 0
	10: StMemH dst: rfp src: r0 off: -6 imm: 0
	11: StMemW dst: rfp src: r0 off: -4 imm: 0
	12: LoadMapPtr dst: r1 fd: 0 <@bytes>
	14: MovReg dst: r2 src: rfp
	15: AddImm dst: r2 imm: -16
	16: Call FnMapLookupElem
	17: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_3>
	18: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	19: AddReg dst: r1 src: r6
	20: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	21: Ja off: -1 <aggdone_4>
aggmiss_3:
	22: StXMemDW dst: rfp src: r6 off: -24 imm: 0
	23: LoadMapPtr dst: r1 fd: 0 <@bytes>
	25: MovReg dst: r2 src: rfp
	26: AddImm dst: r2 imm: -16
	27: MovReg dst: r3 src: rfp
	28: AddImm dst: r3 imm: -24
	29: MovImm dst: r4 imm: 0
	30: Call FnMapUpdateElem
aggdone_4:
	31: MovImm dst: r0 imm: 0
	32: Exit

; kretprobe:vfs_read: 42 instructions, 45 slots
probe:
	 0: LdXMemDW dst: r1 src: r1 off: 80 imm: 0
	 1: MovImm dst: r3 imm: 1
	 2: JEqImm dst: r1 off: -1 imm: 0 <hs_8>
	 3: MovImm dst: r3 imm: 2
	 4: LdImmDW dst: r2 imm: 4294967296
	 6: JLTReg dst: r1 off: -1 src: r2 <hs_3>
	 7: RShImm dst: r1 imm: 32
	 8: AddImm dst: r3 imm: 32
hs_3:
	 9: JLTImm dst: r1 off: -1 imm: 65536 <hs_4>
	10: RShImm dst: r1 imm: 16
	11: AddImm dst: r3 imm: 16
hs_4:
	12: JLTImm dst: r1 off: -1 imm: 256 <hs_5>
	13: RShImm dst: r1 imm: 8
	14: AddImm dst: r3 imm: 8
hs_5:
	15: JLTImm dst: r1 off: -1 imm: 16 <hs_6>
	16: RShImm dst: r1 imm: 4
	17: AddImm dst: r3 imm: 4
hs_6:
	18: JLTImm dst: r1 off: -1 imm: 4 <hs_7>
	19: RShImm dst: r1 imm: 2
	20: AddImm dst: r3 imm: 2
hs_7:
	21: JLTImm dst: r1 off: -1 imm: 2 <hs_8>
	22: AddImm dst: r3 imm: 1
hs_8:
	23: StXMemDW dst: rfp src: r3 off: -8 imm: 0
	24: LoadMapPtr dst: r1 fd: 0 <@ret>
	26: MovReg dst: r2 src: rfp
	27: AddImm dst: r2 imm: -8
	28: Call FnMapLookupElem
	29: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_9>
	30: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	31: AddImm dst: r1 imm: 1
	32: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	33: Ja off: -1 <aggdone_10>
aggmiss_9:
	34: StMemDW dst: rfp src: r0 off: -16 imm: 1
	35: LoadMapPtr dst: r1 fd: 0 <@ret>
	37: MovReg dst: r2 src: rfp
	38: AddImm dst: r2 imm: -8
	39: MovReg dst: r3 src: rfp
	40: AddImm dst: r3 imm: -16
	41: MovImm dst: r4 imm: 0
	42: Call FnMapUpdateElem
aggdone_10:
	43: MovImm dst: r0 imm: 0
	44: Exit

